#include "camera_sim.h"

#include <algorithm>
#include <array>
#include <cmath>
#include <numbers>

namespace accred::test {
namespace {

constexpr double kPi = std::numbers::pi;
constexpr double kHorizontalFov = 60 * kPi / 180; // a typical webcam

// Box-filters image down by an integer factor, so that bilinear sampling of a large badge
// does not alias (a poor man's mipmap).
GreyImage shrink(const GreyImage& image, int factor) {
    if (factor < 2) return image;
    GreyImage out;
    out.width = std::max(1, image.width / factor);
    out.height = std::max(1, image.height / factor);
    out.pixels.resize(static_cast<std::size_t>(out.width) * out.height);
    for (int y = 0; y < out.height; ++y)
        for (int x = 0; x < out.width; ++x) {
            int sum = 0;
            for (int dy = 0; dy < factor; ++dy)
                for (int dx = 0; dx < factor; ++dx)
                    sum += image.pixels[static_cast<std::size_t>(y * factor + dy) * image.width +
                                        x * factor + dx];
            out.pixels[static_cast<std::size_t>(y) * out.width + x] =
                static_cast<std::uint8_t>(sum / (factor * factor));
        }
    return out;
}

double sample(const GreyImage& image, double u, double v) {
    u = std::clamp(u - 0.5, 0.0, image.width - 1.0);
    v = std::clamp(v - 0.5, 0.0, image.height - 1.0);
    const int x0 = static_cast<int>(u), y0 = static_cast<int>(v);
    const int x1 = std::min(x0 + 1, image.width - 1), y1 = std::min(y0 + 1, image.height - 1);
    const double fx = u - x0, fy = v - y0;
    auto at = [&](int x, int y) {
        return static_cast<double>(image.pixels[static_cast<std::size_t>(y) * image.width + x]);
    };
    return (at(x0, y0) * (1 - fx) + at(x1, y0) * fx) * (1 - fy) +
           (at(x0, y1) * (1 - fx) + at(x1, y1) * fx) * fy;
}

} // namespace

double dot(const Vec3& p, const Vec3& q) {
    return p[0] * q[0] + p[1] * q[1] + p[2] * q[2];
}

// R = Rz(roll) * Ry(yaw) * Rx(pitch), applied to v.
Vec3 rotate(const Vec3& v, double yaw, double pitch, double roll) {
    const Vec3 x{v[0], v[1] * std::cos(pitch) - v[2] * std::sin(pitch),
                 v[1] * std::sin(pitch) + v[2] * std::cos(pitch)};
    const Vec3 y{x[0] * std::cos(yaw) + x[2] * std::sin(yaw), x[1],
                 -x[0] * std::sin(yaw) + x[2] * std::cos(yaw)};
    return {y[0] * std::cos(roll) - y[1] * std::sin(roll),
            y[0] * std::sin(roll) + y[1] * std::cos(roll), y[2]};
}

void gaussian_blur(std::vector<float>& img, int width, int height, double sigma) {
    if (sigma < 0.3) return;
    const int radius = static_cast<int>(std::ceil(3 * sigma));
    std::vector<float> kernel(static_cast<std::size_t>(2 * radius + 1));
    float total = 0;
    for (int i = -radius; i <= radius; ++i)
        total += kernel[static_cast<std::size_t>(i + radius)] =
            static_cast<float>(std::exp(-i * i / (2 * sigma * sigma)));
    for (float& k : kernel)
        k /= total;
    std::vector<float> tmp(img.size());
    auto pass = [&](const std::vector<float>& src, std::vector<float>& dst, bool horizontal) {
        for (int y = 0; y < height; ++y)
            for (int x = 0; x < width; ++x) {
                float acc = 0;
                for (int i = -radius; i <= radius; ++i) {
                    const int sx = horizontal ? std::clamp(x + i, 0, width - 1) : x;
                    const int sy = horizontal ? y : std::clamp(y + i, 0, height - 1);
                    acc += kernel[static_cast<std::size_t>(i + radius)] *
                           src[static_cast<std::size_t>(sy) * width + sx];
                }
                dst[static_cast<std::size_t>(y) * width + x] = acc;
            }
    };
    pass(img, tmp, true);
    pass(tmp, img, false);
}

struct CameraSim::Pose {
    double cx = 0, cy = 0; // badge centre on screen, pixels
    double fill = 0.7;
    double yaw = 0, pitch = 0, roll = 0; // radians
    double black = 40, white = 200;      // what the badge's black and white look like
    double shade_x = 0, shade_y = 0;     // lighting falloff across the badge
    double glare_u = 0.5, glare_v = 0.5, glare_r = 0.1, glare_amp = 0;
};

std::vector<Shot> badge_timeline(const std::vector<GreyImage>& badges, int empty_frames,
                                 int held_frames) {
    std::vector<Shot> shots;
    for (const GreyImage& badge : badges) {
        shots.push_back({nullptr, empty_frames});
        shots.push_back({&badge, held_frames});
    }
    shots.push_back({nullptr, empty_frames});
    return shots;
}

CameraSim::CameraSim(const CameraSimOptions& options)
    : options_(options), random_{options.seed * 0x9E3779B97F4A7C15ull + 1} {
    const int w = options_.width, h = options_.height;
    scene_.resize(static_cast<std::size_t>(w) * h);
    const double p1 = uniform(0, 2 * kPi), p2 = uniform(0, 2 * kPi);
    for (int y = 0; y < h; ++y)
        for (int x = 0; x < w; ++x)
            scene_[static_cast<std::size_t>(y) * w + x] = static_cast<float>(
                95 + 50.0 * x / w - 25.0 * y / h +
                12 * std::sin(6 * kPi * x / w + p1) * std::sin(4 * kPi * y / h + p2));
    // Furniture, a door frame, a poster: hard edges for the detector to reject.
    for (int i = 0; i < 7; ++i) {
        const int x0 = static_cast<int>(uniform(0, w)), y0 = static_cast<int>(uniform(0, h));
        const int x1 = std::min(w, x0 + static_cast<int>(uniform(0.02, 0.3) * w));
        const int y1 = std::min(h, y0 + static_cast<int>(uniform(0.02, 0.5) * h));
        const auto grey = static_cast<float>(uniform(30, 210));
        for (int y = y0; y < y1; ++y)
            std::fill(scene_.begin() + static_cast<long>(y) * w + x0,
                      scene_.begin() + static_cast<long>(y) * w + x1, grey);
    }
}

void CameraSim::draw_badge(const GreyImage& badge, const Pose& pose, GreyImage& frame) const {
    const int w = frame.width, h = frame.height;
    const double f = w / (2 * std::tan(kHorizontalFov / 2));
    const double bw = badge.width, bh = badge.height;
    // Distance at which the badge's longer side spans fill of the frame height, face on.
    const double z = f * std::max(bw, bh) / (pose.fill * h);
    const Vec3 c{(pose.cx - w / 2.0) * z / f, (pose.cy - h / 2.0) * z / f, z};
    const Vec3 a = rotate({1, 0, 0}, pose.yaw, pose.pitch, pose.roll);
    const Vec3 b = rotate({0, 1, 0}, pose.yaw, pose.pitch, pose.roll);
    const Vec3 n = rotate({0, 0, 1}, pose.yaw, pose.pitch, pose.roll);

    // Bounding box of the projected corners, to visit only the pixels the badge can cover.
    double min_x = w, max_x = 0, min_y = h, max_y = 0;
    for (const double su : {-0.5, 0.5})
        for (const double sv : {-0.5, 0.5}) {
            Vec3 p;
            for (int k = 0; k < 3; ++k)
                p[k] = c[k] + su * bw * a[k] + sv * bh * b[k];
            if (p[2] <= 1) return; // behind the camera: nothing sensible to draw
            min_x = std::min(min_x, f * p[0] / p[2] + w / 2.0);
            max_x = std::max(max_x, f * p[0] / p[2] + w / 2.0);
            min_y = std::min(min_y, f * p[1] / p[2] + h / 2.0);
            max_y = std::max(max_y, f * p[1] / p[2] + h / 2.0);
        }
    const int x0 = std::max(0, static_cast<int>(min_x)),
              x1 = std::min(w, static_cast<int>(max_x) + 2);
    const int y0 = std::max(0, static_cast<int>(min_y)),
              y1 = std::min(h, static_cast<int>(max_y) + 2);
    const double nc = dot(n, c);
    const double aspect = bh / bw;
    // Inverse mapping: the ray through each pixel meets the badge plane at badge coords (u, v).
    for (int y = y0; y < y1; ++y)
        for (int x = x0; x < x1; ++x) {
            const Vec3 d{x + 0.5 - w / 2.0, y + 0.5 - h / 2.0, f};
            const double t = nc / dot(n, d);
            if (t <= 0) continue;
            const Vec3 rel{t * d[0] - c[0], t * d[1] - c[1], t * d[2] - c[2]};
            const double u = dot(rel, a) + bw / 2, v = dot(rel, b) + bh / 2;
            if (u < 0 || u >= bw || v < 0 || v >= bh) continue;
            const double fu = u / bw - 0.5, fv = v / bh - 0.5;
            const double shade = 1 + pose.shade_x * fu + pose.shade_y * fv;
            double lum =
                (pose.black + sample(badge, u, v) / 255 * (pose.white - pose.black)) * shade;
            const double gu = u / bw - pose.glare_u, gv = (v / bh - pose.glare_v) * aspect;
            lum +=
                pose.glare_amp * std::exp(-(gu * gu + gv * gv) / (2 * pose.glare_r * pose.glare_r));
            frame.pixels[static_cast<std::size_t>(y) * w + x] =
                static_cast<std::uint8_t>(std::clamp(lum, 0.0, 255.0));
        }
}

// The dark clothes of whoever holds the badge, behind it.
void CameraSim::draw_person(const Pose& pose, GreyImage& frame) const {
    const double ex = pose.cx, ey = pose.cy + 0.45 * frame.height;
    const double rx = 0.3 * frame.width, ry = 0.6 * frame.height;
    for (int y = std::max(0, static_cast<int>(ey - ry)); y < frame.height; ++y)
        for (int x = std::max(0, static_cast<int>(ex - rx));
             x < std::min(frame.width, static_cast<int>(ex + rx) + 1); ++x) {
            const double dx = (x - ex) / rx, dy = (y - ey) / ry;
            if (dx * dx + dy * dy <= 1)
                frame.pixels[static_cast<std::size_t>(y) * frame.width + x] = 45;
        }
}

void CameraSim::finish(GreyImage& frame, double blur_sigma) {
    std::vector<float> img(frame.pixels.begin(), frame.pixels.end());
    gaussian_blur(img, frame.width, frame.height, blur_sigma);
    const double flicker = uniform(-4, 4); // auto exposure hunting a little
    const double noise_scale = std::sqrt(3.0) * options_.noise_sigma;
    for (std::size_t i = 0; i < img.size(); ++i) {
        // Irwin-Hall: the sum of four uniforms (16 bits each, from one draw) is near enough
        // Gaussian for sensor noise; its standard deviation is 1/sqrt(3) of the unit sum.
        const std::uint64_t r = next_random();
        const auto sum = static_cast<double>((r & 0xffff) + ((r >> 16) & 0xffff) +
                                             ((r >> 32) & 0xffff) + (r >> 48));
        const double noise = (sum / 65536.0 - 2) * noise_scale;
        frame.pixels[i] =
            static_cast<std::uint8_t>(std::clamp(img[i] + flicker + noise + 0.5, 0.0, 255.0));
    }
}

Status CameraSim::render(const std::vector<Shot>& shots,
                         const std::function<Status(const GreyImage&)>& sink) {
    const int w = options_.width, h = options_.height;
    if (w < 16 || h < 16 || w > 8192 || h > 8192) return Error{"bad simulated camera size"};
    constexpr double deg = kPi / 180;
    GreyImage frame;
    frame.width = w;
    frame.height = h;
    for (const Shot& shot : shots) {
        Pose base;
        GreyImage badge;
        double sway[6] = {};
        if (shot.badge != nullptr) {
            if (shot.badge->width <= 0 || shot.badge->height <= 0) return Error{"empty badge"};
            base.fill = uniform(options_.min_fill, options_.max_fill);
            base.cx = w * uniform(0.38, 0.62);
            base.cy = h * uniform(0.42, 0.58);
            const double tilt = uniform(0, options_.max_tilt_deg) * deg;
            const double direction = uniform(0, 2 * kPi);
            base.yaw = tilt * std::cos(direction);
            base.pitch = tilt * std::sin(direction);
            base.roll = uniform(-options_.max_roll_deg, options_.max_roll_deg) * deg;
            const double mid = uniform(100, 140), span = options_.contrast * 255;
            base.black = mid - span / 2;
            base.white = mid + span / 2;
            base.shade_x = uniform(-0.3, 0.3);
            base.shade_y = uniform(-0.3, 0.3);
            if (options_.glare) {
                base.glare_u = uniform(0.15, 0.85);
                base.glare_v = uniform(0.15, 0.85);
                base.glare_r = uniform(0.05, 0.12);
                base.glare_amp = uniform(60, 120);
            }
            for (double& phase : sway)
                phase = uniform(0, 2 * kPi);
            const int longer = std::max(shot.badge->width, shot.badge->height);
            badge = shrink(*shot.badge, static_cast<int>(longer / (base.fill * h)));
        }
        double last_cx = base.cx, last_cy = base.cy;
        for (int i = 0; i < shot.frames; ++i) {
            frame.pixels.resize(scene_.size());
            std::transform(scene_.begin(), scene_.end(), frame.pixels.begin(),
                           [](float v) { return static_cast<std::uint8_t>(v); });
            double sigma = options_.blur_sigma;
            if (shot.badge != nullptr) {
                // A hand is never still: slow sway in position and angle, and a fast entry.
                Pose pose = base;
                pose.cx += 0.012 * h * std::sin(0.31 * i + sway[0]);
                pose.cy += 0.010 * h * std::sin(0.23 * i + sway[1]);
                pose.yaw += 2 * deg * std::sin(0.17 * i + sway[2]);
                pose.pitch += 2 * deg * std::sin(0.13 * i + sway[3]);
                pose.roll += 1.5 * deg * std::sin(0.19 * i + sway[4]);
                const int entering = std::max(0, options_.entry_frames - i);
                pose.cy += entering * 0.15 * h;
                if (i == 0) last_cx = pose.cx, last_cy = pose.cy + 0.15 * h;
                // Motion blur, roughly: a quarter of the distance moved since the last frame
                // (isotropic, so a little harsher than the real, directional thing).
                sigma += std::min(4.0, 0.25 * std::hypot(pose.cx - last_cx, pose.cy - last_cy));
                last_cx = pose.cx;
                last_cy = pose.cy;
                draw_person(pose, frame);
                draw_badge(badge, pose, frame);
            }
            finish(frame, sigma);
            if (auto sunk = sink(frame); !sunk) return sunk;
        }
    }
    return success();
}

} // namespace accred::test
