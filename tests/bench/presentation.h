// Presentations: a badge brought up to the gate camera and held there for a second, frame by
// frame, and how soon a decoder working on a live camera's newest frame gives a verdict.
#pragma once

#include "crypto/outcome.h"
#include "scan/grey_image.h"

#include <cstdint>
#include <functional>
#include <optional>
#include <string>
#include <vector>

namespace accred::bench {

// A printed badge and where its code is (make_qr_corpus --badges-only's badges.tsv).
struct PlacedBadge {
    GreyImage badge;
    double qr_u = 0.5, qr_v = 0.5; // the code's centre, fractions of the badge
    double module_px = 1;          // its module width in badge pixels
    std::string expected;          // the credential text
};

// Loads dir/badges.tsv and the badges it lists.
Outcome<std::vector<PlacedBadge>> load_placed_badges(const std::string& dir);

inline constexpr double kFrameMs = 1000.0 / 30; // a 30 frames/s camera
inline constexpr int kApproachFrames = 15;      // half a second from entering the frame to held
inline constexpr int kHeldFrames = 30;          // held for one second

// The frames of one presentation at 1280x720 (camera_frame.h's renderer): the badge enters small,
// fast (a long motion streak) and out of focus, and slows and sharpens as it comes up to the
// camera; then it is held, still shaking a little and drifting in and out of focus. Deterministic
// for a seed.
std::vector<GreyImage> presentation_frames(const PlacedBadge& badge, std::uint64_t seed);

// The decoder on a live camera: it always takes the newest frame, so the frames that arrive while
// it decodes are lost. Returns the time from the first frame to the verdict (ms; each decode
// counted as the CPU time it took, so that a loaded machine does not skew it), or nullopt when no
// frame of the presentation was read correctly.
std::optional<double>
time_to_verdict(const std::vector<GreyImage>& frames, const std::string& expected,
                const std::function<std::optional<std::string>(const GreyImage&)>& decode);

} // namespace accred::bench
