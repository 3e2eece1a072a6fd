#include "camera_frame.h"

#include "kiosk/sources/camera_sim.h"
#include "support/splitmix_random.h"

#include <algorithm>
#include <array>
#include <cmath>
#include <numbers>
#include <stb_image.h>
#include <stb_image_write.h>
#include <vector>

namespace accred::bench {
namespace {

constexpr double kPi = std::numbers::pi;
constexpr double kDeg = kPi / 180;
constexpr double kHorizontalFov = 60 * kDeg; // a typical webcam

using test::dot;
using test::rotate;
using test::Vec3;

using Random = test::SplitmixRandom;

// Box-filters an image down by an integer factor so that bilinear sampling does not alias.
std::vector<float> shrink(const GreyImage& image, int factor, int& w, int& h) {
    factor = std::max(1, factor);
    w = std::max(1, image.width / factor);
    h = std::max(1, image.height / factor);
    std::vector<float> out(static_cast<std::size_t>(w) * static_cast<std::size_t>(h));
    for (int y = 0; y < h; ++y)
        for (int x = 0; x < w; ++x) {
            int sum = 0;
            for (int dy = 0; dy < factor; ++dy)
                for (int dx = 0; dx < factor; ++dx)
                    sum += image.pixels[static_cast<std::size_t>(y * factor + dy) *
                                            static_cast<std::size_t>(image.width) +
                                        static_cast<std::size_t>(x * factor + dx)];
            out[static_cast<std::size_t>(y * w + x)] =
                static_cast<float>(sum) / static_cast<float>(factor * factor);
        }
    return out;
}

// Bilinear sample of a w x h float image at continuous (u, v), edges clamped.
float sample(const std::vector<float>& img, int w, int h, double u, double v) {
    u = std::clamp(u - 0.5, 0.0, w - 1.0);
    v = std::clamp(v - 0.5, 0.0, h - 1.0);
    const int x0 = static_cast<int>(u), y0 = static_cast<int>(v);
    const int x1 = std::min(x0 + 1, w - 1), y1 = std::min(y0 + 1, h - 1);
    const auto fx = static_cast<float>(u - x0), fy = static_cast<float>(v - y0);
    auto at = [&](int x, int y) { return img[static_cast<std::size_t>(y * w + x)]; };
    return (at(x0, y0) * (1 - fx) + at(x1, y0) * fx) * (1 - fy) +
           (at(x0, y1) * (1 - fx) + at(x1, y1) * fx) * fy;
}

// Linear motion blur: the mean of the image along a segment of length px through each pixel.
void motion(std::vector<float>& img, int w, int h, double px, double deg) {
    if (px < 1) return;
    const int n = static_cast<int>(std::ceil(px)) + 1;
    const double dx = std::cos(deg * kDeg), dy = std::sin(deg * kDeg);
    std::vector<float> out(img.size());
    for (int y = 0; y < h; ++y)
        for (int x = 0; x < w; ++x) {
            float acc = 0;
            for (int i = 0; i < n; ++i) {
                const double t = px * (static_cast<double>(i) / (n - 1) - 0.5);
                acc += sample(img, w, h, x + 0.5 + t * dx, y + 0.5 + t * dy);
            }
            out[static_cast<std::size_t>(y * w + x)] = acc / static_cast<float>(n);
        }
    img.swap(out);
}

// An office-like background: a gradient, soft waves and a few hard-edged objects.
std::vector<float> scene(int w, int h, Random& rng) {
    std::vector<float> s(static_cast<std::size_t>(w) * static_cast<std::size_t>(h));
    const double p1 = rng.uniform(0, 2 * kPi), p2 = rng.uniform(0, 2 * kPi);
    for (int y = 0; y < h; ++y)
        for (int x = 0; x < w; ++x)
            s[static_cast<std::size_t>(y * w + x)] = static_cast<float>(
                95 + 50.0 * x / w - 25.0 * y / h +
                12 * std::sin(6 * kPi * x / w + p1) * std::sin(4 * kPi * y / h + p2));
    for (int i = 0; i < 7; ++i) {
        const int x0 = static_cast<int>(rng.uniform(0, w)),
                  y0 = static_cast<int>(rng.uniform(0, h));
        const int x1 = std::min(w, x0 + static_cast<int>(rng.uniform(0.02, 0.3) * w));
        const int y1 = std::min(h, y0 + static_cast<int>(rng.uniform(0.02, 0.5) * h));
        const auto grey = static_cast<float>(rng.uniform(30, 210));
        for (int y = y0; y < y1; ++y)
            std::fill(s.begin() + y * w + x0, s.begin() + y * w + x1, grey);
    }
    return s;
}

void draw_person(std::vector<float>& f, int w, int h, double ex, double ey) {
    const double rx = 0.3 * w, ry = 0.6 * h;
    for (int y = std::max(0, static_cast<int>(ey - ry)); y < h; ++y)
        for (int x = std::max(0, static_cast<int>(ex - rx));
             x < std::min(w, static_cast<int>(ex + rx) + 1); ++x) {
            const double dx = (x - ex) / rx, dy = (y - ey) / ry;
            if (dx * dx + dy * dy <= 1) f[static_cast<std::size_t>(y * w + x)] = 45;
        }
}

// Projects the subject through a pinhole camera (ray-plane intersection per pixel).
void draw_subject(const GreyImage& subject, const FrameConditions& c, std::vector<float>& f) {
    const int w = c.width, h = c.height;
    const double focal = w / (2 * std::tan(kHorizontalFov / 2));
    const double longer = std::max(subject.width, subject.height);
    int sw = 0, sh = 0;
    const auto img = shrink(subject, static_cast<int>(longer / (c.fill * h)), sw, sh);
    const double scale = static_cast<double>(sw) / subject.width; // subject px -> shrunk px
    const double bw = subject.width, bh = subject.height;
    const double z = focal * longer / (c.fill * h); // distance giving `fill`, face on
    const Vec3 centre{(c.cx - 0.5) * w * z / focal, (c.cy - 0.5) * h * z / focal, z};
    const double yaw = c.yaw_deg * kDeg, pitch = c.pitch_deg * kDeg, roll = c.roll_deg * kDeg;
    const Vec3 a = rotate({1, 0, 0}, yaw, pitch, roll), b = rotate({0, 1, 0}, yaw, pitch, roll);
    const Vec3 n = rotate({0, 0, 1}, yaw, pitch, roll);
    const double nc = dot(n, centre), aspect = bh / bw;
    for (int y = 0; y < h; ++y)
        for (int x = 0; x < w; ++x) {
            const Vec3 d{x + 0.5 - w / 2.0, y + 0.5 - h / 2.0, focal};
            const double t = nc / dot(n, d);
            if (t <= 0) continue;
            const Vec3 rel{t * d[0] - centre[0], t * d[1] - centre[1], t * d[2] - centre[2]};
            const double u = dot(rel, a) + bw / 2, v = dot(rel, b) + bh / 2;
            if (u < 0 || u >= bw || v < 0 || v >= bh) continue;
            const double fu = u / bw - 0.5, fv = v / bh - 0.5;
            const double shade = 1 + c.shade_x * fu + c.shade_y * fv;
            const double level = sample(img, sw, sh, u * scale, v * scale) / 255.0;
            double lum = (c.black + level * (c.white - c.black)) * shade;
            const double gu = u / bw - c.glare_u, gv = (v / bh - c.glare_v) * aspect;
            lum += c.glare_amp * std::exp(-(gu * gu + gv * gv) / (2 * c.glare_r * c.glare_r));
            f[static_cast<std::size_t>(y * w + x)] = static_cast<float>(lum);
        }
}

void jpeg_round_trip(GreyImage& frame, int quality) {
    std::vector<unsigned char> jpg;
    auto append = [](void* ctx, void* data, int size) {
        auto* out = static_cast<std::vector<unsigned char>*>(ctx);
        out->insert(out->end(), static_cast<unsigned char*>(data),
                    static_cast<unsigned char*>(data) + size);
    };
    if (stbi_write_jpg_to_func(append, &jpg, frame.width, frame.height, 1, frame.pixels.data(),
                               std::clamp(quality, 1, 100)) == 0)
        return;
    int w = 0, h = 0, ch = 0;
    stbi_uc* back = stbi_load_from_memory(jpg.data(), static_cast<int>(jpg.size()), &w, &h, &ch, 1);
    if (back == nullptr) return;
    if (w == frame.width && h == frame.height)
        frame.pixels.assign(back, back + static_cast<std::size_t>(w) * static_cast<std::size_t>(h));
    stbi_image_free(back);
}

} // namespace

GreyImage render_frame(const GreyImage& subject, const FrameConditions& c, std::uint64_t seed) {
    Random rng{seed * 0x9E3779B97F4A7C15ull + 1};
    const int w = c.width, h = c.height;
    std::vector<float> f = scene(w, h, rng);
    if (c.person) draw_person(f, w, h, c.cx * w, c.cy * h + 0.45 * h);
    draw_subject(subject, c, f);
    test::gaussian_blur(f, w, h, c.focus_sigma);
    motion(f, w, h, c.motion_px, c.motion_deg);
    GreyImage frame;
    frame.width = w;
    frame.height = h;
    frame.pixels.resize(f.size());
    const double noise_scale = std::sqrt(3.0) * c.noise_sigma;
    for (std::size_t i = 0; i < f.size(); ++i) {
        // Irwin-Hall: four 16-bit uniforms from one draw, near enough Gaussian for sensor noise.
        const std::uint64_t r = rng.next();
        const auto sum = static_cast<double>((r & 0xffff) + ((r >> 16) & 0xffff) +
                                             ((r >> 32) & 0xffff) + (r >> 48));
        const double noise = (sum / 65536.0 - 2) * noise_scale;
        frame.pixels[i] = static_cast<std::uint8_t>(std::clamp(f[i] + noise + 0.5, 0.0, 255.0));
    }
    if (c.jpeg_quality > 0) jpeg_round_trip(frame, c.jpeg_quality);
    return frame;
}

} // namespace accred::bench
