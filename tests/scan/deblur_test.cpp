// Deconvolution of blurred codes (scan/deblur.h, scan/textured_regions.h and the pipeline's
// deblur step): real QR symbols from the desk's writer, blurred and made noisy here by code
// independent of the reader's (a Gaussian sum in doubles, a streak of bilinear samples), decoded
// by the real ZXing.
#include "issuer/qr_writer.h"
#include "scan/code_regions.h"
#include "scan/deblur.h"
#include "scan/finder_census.h"
#include "scan/qr_reader.h"
#include "scan/textured_regions.h"
#include "support/long_credential.h"
#include "support/splitmix_random.h"

#include <ZXing/ReadBarcode.h>
#include <algorithm>
#include <catch2/catch.hpp>
#include <cmath>
#include <cstdint>
#include <string_view>

using namespace accred;

namespace {

constexpr int kWidth = 1280, kHeight = 720;
constexpr double kPi = 3.14159265358979323846;

// A room: a mid-grey wall, a dark cupboard and a bright door frame.
std::vector<double> room() {
    std::vector<double> f(static_cast<std::size_t>(kWidth) * kHeight, 118);
    for (int y = 40; y < 300; ++y)
        for (int x = 950; x < 1230; ++x)
            f[static_cast<std::size_t>(y) * kWidth + x] = y < 170 ? 20 : 230;
    return f;
}

// The symbol (drawn at 10 px per module) placed at module_px per module, area-averaged, black 40
// and white 200, at (left, top).
void place(std::vector<double>& f, const QrSymbol& symbol, double module_px, int left, int top) {
    const double scale = 10 / module_px;
    const int side = static_cast<int>(symbol.image.width / scale);
    for (int y = 0; y < side; ++y)
        for (int x = 0; x < side; ++x) {
            double white = 0, n = 0;
            for (double v = y * scale; v < (y + 1) * scale; v += 1)
                for (double u = x * scale; u < (x + 1) * scale; u += 1, ++n)
                    white += symbol.image.pixels[static_cast<std::size_t>(v) * symbol.image.width +
                                                 static_cast<std::size_t>(u)] != 0;
            f[static_cast<std::size_t>(top + y) * kWidth + left + x] = 40 + 160 * white / n;
        }
}

double at(const std::vector<double>& f, double x, double y) {
    const int ix = std::clamp(static_cast<int>(std::floor(x)), 0, kWidth - 2);
    const int iy = std::clamp(static_cast<int>(std::floor(y)), 0, kHeight - 2);
    const double fx = std::clamp(x - ix, 0.0, 1.0), fy = std::clamp(y - iy, 0.0, 1.0);
    const auto p = [&](int a, int b) { return f[static_cast<std::size_t>(b) * kWidth + a]; };
    return (p(ix, iy) * (1 - fx) + p(ix + 1, iy) * fx) * (1 - fy) +
           (p(ix, iy + 1) * (1 - fx) + p(ix + 1, iy + 1) * fx) * fy;
}

// Out of focus: a Gaussian of sigma px, two passes of a direct sum over 4 sigma.
std::vector<double> focus_blur(const std::vector<double>& f, double sigma) {
    const int r = static_cast<int>(std::ceil(4 * sigma));
    std::vector<double> k;
    double sum = 0;
    for (int i = -r; i <= r; ++i)
        sum += k.emplace_back(std::exp(-0.5 * i * i / (sigma * sigma)));
    std::vector<double> a(f.size()), b(f.size());
    for (int y = 0; y < kHeight; ++y)
        for (int x = 0; x < kWidth; ++x) {
            double v = 0;
            for (int i = -r; i <= r; ++i)
                v += k[static_cast<std::size_t>(i + r)] *
                     f[static_cast<std::size_t>(y) * kWidth + std::clamp(x + i, 0, kWidth - 1)];
            a[static_cast<std::size_t>(y) * kWidth + x] = v / sum;
        }
    for (int y = 0; y < kHeight; ++y)
        for (int x = 0; x < kWidth; ++x) {
            double v = 0;
            for (int i = -r; i <= r; ++i)
                v += k[static_cast<std::size_t>(i + r)] *
                     a[static_cast<std::size_t>(std::clamp(y + i, 0, kHeight - 1)) * kWidth + x];
            b[static_cast<std::size_t>(y) * kWidth + x] = v / sum;
        }
    return b;
}

// Moved during the exposure: the mean of 4 samples per pixel of a straight streak.
std::vector<double> motion_blur(const std::vector<double>& f, double length, double degrees) {
    const double dx = std::cos(degrees * kPi / 180), dy = std::sin(degrees * kPi / 180);
    const int samples = static_cast<int>(4 * length);
    std::vector<double> out(f.size());
    for (int y = 0; y < kHeight; ++y)
        for (int x = 0; x < kWidth; ++x) {
            double v = 0;
            for (int i = 0; i < samples; ++i) {
                const double s = ((i + 0.5) / samples - 0.5) * length;
                v += at(f, x + s * dx, y + s * dy);
            }
            out[static_cast<std::size_t>(y) * kWidth + x] = v / samples;
        }
    return out;
}

// Quantised to 8 bits with a sensor's noise: uniform, +-amplitude grey levels (splitmix64).
GreyImage noisy(const std::vector<double>& f, double amplitude, std::uint64_t seed) {
    GreyImage g{kWidth, kHeight, std::vector<std::uint8_t>(f.size())};
    test::SplitmixRandom random{seed};
    for (std::size_t i = 0; i < f.size(); ++i) {
        const double u = random.uniform(0, 1);
        g.pixels[i] = static_cast<std::uint8_t>(std::clamp(f[i] + (2 * u - 1) * amplitude, 0.0, 255.0));
    }
    return g;
}

ZXing::ImageView view_of(const GreyImage& g) {
    return {g.pixels.data(), g.width, g.height, ZXing::ImageFormat::Lum};
}

GreyView grey_view(const GreyImage& g) {
    return {g.pixels.data(), g.width, g.height, g.width};
}

QrReadOptions untimed(double recovery_budget) {
    QrReadOptions o;
    o.try_rotate = false;
    o.second_look_budget = std::chrono::milliseconds(60'000);
    o.recovery_budget = recovery_budget;
    return o;
}

const QrSymbol& credential_symbol() {
    static const QrSymbol symbol = render_qr(test::long_credential(), 10).value();
    return symbol;
}

} // namespace

TEST_CASE("a code out of focus past the census's sight is read by deconvolution", "[scan]") {
    const QrSymbol& symbol = credential_symbol();
    std::vector<double> f = room();
    place(f, symbol, 2.75, 400, 220);
    const GreyImage frame = noisy(focus_blur(f, 1.7), 4, 11);
    // The finder census sees no finder pattern, bare ZXing and the cheaper steps read nothing.
    std::vector<FinderHit> hits;
    count_finder_like_patterns(frame.pixels.data(), kWidth, kHeight, kWidth, &hits);
    CHECK(code_regions(hits).empty());
    CHECK_FALSE(ZXing::ReadBarcode(view_of(frame)).isValid());
    // The busy-patch search finds the code.
    const auto patches = textured_regions(grey_view(frame), 64, 480, 2);
    REQUIRE_FALSE(patches.empty());
    const int centre_x = 400 + symbol.image.width * 275 / 2000;
    const int centre_y = 220 + symbol.image.width * 275 / 2000;
    CHECK(patches[0].box.x < centre_x);
    CHECK(patches[0].box.x + patches[0].box.width > centre_x);
    CHECK(patches[0].box.y < centre_y);
    CHECK(patches[0].box.y + patches[0].box.height > centre_y);
    const auto read = read_qr(view_of(frame), untimed(QrReadOptions{}.recovery_budget));
    REQUIRE(read);
    CHECK(read->bytes == test::long_credential());
    CHECK(std::string_view(read->step) == "region deblurred (focus)");
    // Its corners are in the frame's pixels, about the code (quiet zone of 4 modules inside).
    CHECK(std::abs(read->corners[0].x - (400 + 11)) < 10);
    CHECK(std::abs(read->corners[0].y - (220 + 11)) < 10);
}

TEST_CASE("a streak's length and direction are read from the cepstrum, and undone", "[scan]") {
    const QrSymbol& symbol = credential_symbol();
    for (const double degrees : {30.0, 100.0, 160.0}) {
        CAPTURE(degrees);
        std::vector<double> f = room();
        place(f, symbol, 3, 300, 150);
        const GreyImage frame = noisy(motion_blur(f, 9, degrees), 3, 17);
        CHECK_FALSE(ZXing::ReadBarcode(view_of(frame)).isValid());
        const auto patches = textured_regions(grey_view(frame), 64, 480, 2);
        REQUIRE_FALSE(patches.empty());
        const auto region = BlurredRegion::of(crop_scaled(grey_view(frame), patches[0].box, 1));
        REQUIRE(region);
        const auto guesses = region->motion_guesses(2, 3, 16);
        REQUIRE_FALSE(guesses.empty());
        CHECK(guesses[0].shape == BlurShape::motion);
        CHECK(std::abs(guesses[0].size - 9) < 1.5);
        const double apart = std::fmod(std::abs(guesses[0].degrees - degrees), 180.0);
        CHECK(std::min(apart, 180 - apart) < 10);
        const auto read = read_qr(view_of(frame), untimed(QrReadOptions{}.recovery_budget));
        REQUIRE(read);
        CHECK(read->bytes == test::long_credential());
        CHECK(std::string_view(read->step) == "region deblurred (motion)");
    }
}

TEST_CASE("a room without a code has no busy square patch", "[scan]") {
    const GreyImage frame = noisy(focus_blur(room(), 1.0), 4, 5);
    CHECK(textured_regions(grey_view(frame), 64, 480, 2).empty());
    // A code is the busy patch even where its edge touches the door frame's (one busy line of
    // blocks that would join them into a patch too wide).
    std::vector<double> f = room();
    place(f, credential_symbol(), 4, 700, 300);
    const auto patches = textured_regions(grey_view(noisy(f, 4, 5)), 64, 480, 2);
    REQUIRE(patches.size() == 1);
    CHECK(patches[0].box.x <= 700);
    CHECK(patches[0].box.x + patches[0].box.width >= 700 + credential_symbol().image.width * 4 / 10);
}

TEST_CASE("deconvolution refuses regions it cannot work on", "[scan]") {
    CHECK_FALSE(BlurredRegion::of(GreyImage{8, 8, std::vector<std::uint8_t>(64, 100)}));
    const int big = kMaxDeblurSide + 2;
    CHECK_FALSE(BlurredRegion::of(
        GreyImage{big, 20, std::vector<std::uint8_t>(static_cast<std::size_t>(big) * 20, 100)}));
    // A flat region deconvolves to a flat image, not to noise or NaNs.
    const auto flat = BlurredRegion::of(GreyImage{40, 30, std::vector<std::uint8_t>(1200, 90)});
    REQUIRE(flat);
    const GreyImage out = flat->deconvolved({BlurShape::focus, 2.0, 0}, 0.003);
    REQUIRE(out.width == 40);
    REQUIRE(out.height == 30);
    const auto [lo, hi] = std::minmax_element(out.pixels.begin(), out.pixels.end());
    CHECK(*hi - *lo <= 1);
}

TEST_CASE("hostile frames of any size and content stay within the pipeline's budget", "[scan]") {
    // 300 frames from 1x1 to 700x400: noise, stripes a pixel wide, checkerboards of every period,
    // a busy square patch that is no code, flat grey. None may throw, crash or read a code, and
    // the work stays within the budget (or, on a tiny frame, what the cheap passes alone cost).
    test::SplitmixRandom random{2026};
    const auto next = [&](std::uint64_t bound) { return random.below(bound); };
    const double budget = QrReadOptions{}.recovery_budget;
    for (int i = 0; i < 300; ++i) {
        const int w = 1 + static_cast<int>(next(i < 100 ? 40 : 700));
        const int h = 1 + static_cast<int>(next(i < 100 ? 40 : 400));
        const int kind = static_cast<int>(next(5));
        const int period = 1 + static_cast<int>(next(12));
        GreyImage g{w, h, std::vector<std::uint8_t>(static_cast<std::size_t>(w) * h)};
        for (int y = 0; y < h; ++y)
            for (int x = 0; x < w; ++x) {
                std::uint8_t v = 128;
                if (kind == 0) v = static_cast<std::uint8_t>(next(256));
                if (kind == 1) v = (x / period) % 2 ? 20 : 235;
                if (kind == 2) v = ((x / period) + (y / period)) % 2 ? 20 : 235;
                if (kind == 3 && std::abs(x - w / 2) < w / 4 && std::abs(y - h / 2) < h / 4)
                    v = static_cast<std::uint8_t>(next(2) ? 30 : 220);
                g.pixels[static_cast<std::size_t>(y) * w + x] = v;
            }
        CAPTURE(i, w, h, kind, period);
        QrReadWork cheap, work;
        CHECK_FALSE(read_qr(view_of(g), untimed(0), &cheap));
        CHECK_FALSE(read_qr(view_of(g), untimed(budget), &work));
        CHECK(static_cast<double>(work.total()) <=
              std::max(budget * w * h, static_cast<double>(cheap.total())));
    }
}

TEST_CASE("a region is enlarged by bilinear interpolation, edges clamped", "[scan]") {
    // crop_scaled against a plain double-precision bilinear interpolation written here, on
    // random rectangles (partly outside the frame too) and factors 1-3.
    GreyImage f{97, 61, std::vector<std::uint8_t>(97u * 61u)};
    for (std::size_t i = 0; i < f.pixels.size(); ++i)
        f.pixels[i] = static_cast<std::uint8_t>((i * 2654435761u) >> 24);
    const auto reference = [&](double x, double y) {
        const auto px = [&](int a, int b) {
            return static_cast<double>(f.pixels[static_cast<std::size_t>(std::clamp(b, 0, 60)) * 97 +
                                                static_cast<std::size_t>(std::clamp(a, 0, 96))]);
        };
        const int ix = static_cast<int>(std::floor(x)), iy = static_cast<int>(std::floor(y));
        const double fx = x - ix, fy = y - iy;
        return (px(ix, iy) * (1 - fx) + px(ix + 1, iy) * fx) * (1 - fy) +
               (px(ix, iy + 1) * (1 - fx) + px(ix + 1, iy + 1) * fx) * fy;
    };
    for (const PixelRect rect : {PixelRect{0, 0, 97, 61}, PixelRect{10, 5, 30, 20},
                                 PixelRect{-8, -3, 40, 30}, PixelRect{80, 50, 40, 40}})
        for (const int factor : {1, 2, 3}) {
            CAPTURE(rect.x, rect.y, factor);
            const GreyImage out = crop_scaled(grey_view(f), rect, factor);
            const int x0 = std::max(0, rect.x), y0 = std::max(0, rect.y);
            REQUIRE(out.width == (std::min(97, rect.x + rect.width) - x0) * factor);
            REQUIRE(out.height == (std::min(61, rect.y + rect.height) - y0) * factor);
            int worst = 0;
            for (int y = 0; y < out.height; ++y)
                for (int x = 0; x < out.width; ++x) {
                    const double want = reference(x0 + (x + 0.5) / factor - 0.5,
                                                  y0 + (y + 0.5) / factor - 0.5);
                    worst = std::max(worst, static_cast<int>(std::abs(
                                                out.pixels[static_cast<std::size_t>(y) * out.width + x] - want) + 0.5));
                }
            CHECK(worst <= 1);
        }
}
