// A simulated gate camera: renders badge images as a handheld badge would look in a video
// stream (perspective, sway, blur, noise, glare, poor contrast), deterministically from a seed.
// Used by the make_camera_y4m tool and the scanner tests.
#pragma once

#include "crypto/outcome.h"
#include "scan/grey_image.h"
#include "support/splitmix_random.h"

#include <array>
#include <cstdint>
#include <functional>
#include <vector>

namespace accred::test {

struct CameraSimOptions {
    int width = 1280;
    int height = 720;
    std::uint64_t seed = 1;
    double max_tilt_deg = 40; // out-of-plane tilt of the badge, any direction
    double max_roll_deg = 20; // in-plane rotation
    double min_fill = 0.55;   // the badge's longer side on screen, as a fraction of frame height
    double max_fill = 0.85;
    double blur_sigma = 0.8;  // base defocus (Gaussian sigma, pixels); motion adds to it
    double noise_sigma = 5.0; // sensor noise, grey levels
    double contrast = 0.65;   // badge white minus black, as a fraction of 255
    bool glare = true;        // a specular highlight somewhere on the badge
    int entry_frames = 3;     // frames in which the badge is still moving into view, fast
};

// Part of a timeline: frames of the empty scene (badge == nullptr), or of a badge held in view
// from its first frame to its last (a new pose, glare and sway for each shot).
struct Shot {
    const GreyImage* badge = nullptr;
    int frames = 0;
};

// The usual timeline: for each badge, empty_frames of scene and then held_frames of the badge;
// then empty_frames of scene to finish.
std::vector<Shot> badge_timeline(const std::vector<GreyImage>& badges, int empty_frames,
                                 int held_frames);

class CameraSim {
  public:
    explicit CameraSim(const CameraSimOptions& options);

    // Renders every frame of shots in order and passes each to sink; stops at sink's first
    // error. The same options and shots always give the same frames.
    Status render(const std::vector<Shot>& shots,
                  const std::function<Status(const GreyImage&)>& sink);

  private:
    struct Pose;
    void draw_person(const Pose& pose, GreyImage& frame) const;
    void draw_badge(const GreyImage& badge, const Pose& pose, GreyImage& frame) const;
    void finish(GreyImage& frame, double blur_sigma);
    std::uint64_t next_random() { return random_.next(); }
    double uniform(double lo, double hi) { return random_.uniform(lo, hi); }

    CameraSimOptions options_;
    test::SplitmixRandom random_;
    std::vector<float> scene_; // the empty scene, before noise
};

// Separable Gaussian blur of a width x height float image in place, edges clamped; a sigma
// below 0.3 pixel leaves it as it is.
void gaussian_blur(std::vector<float>& img, int width, int height, double sigma);

using Vec3 = std::array<double, 3>;

double dot(const Vec3& p, const Vec3& q);
// R = Rz(roll) * Ry(yaw) * Rx(pitch), applied to v: a badge's pose in front of the camera.
Vec3 rotate(const Vec3& v, double yaw, double pitch, double roll);

} // namespace accred::test
