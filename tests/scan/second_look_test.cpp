// The kiosk's second look at a failed frame (scan/second_look.h), on real QR symbols from
// the desk's writer decoded by ZXing: no mocks.
#include "issuer/qr_writer.h"
#include "scan/qr_reader.h"
#include "scan/second_look.h"
#include "support/long_credential.h"
#include "support/test_support.h"

#include <ZXing/ImageView.h>
#include <catch2/catch.hpp>
#include <cmath>
#include <numbers>

using namespace accred;

namespace {

using test::long_credential;

// The symbol (module_px per module) turned by degrees about the centre of a 1280x720 frame,
// its black and white at the given grey levels, on a background of mid grey with a dark and a
// bright object (so the frame's contrast is not the symbol's). Corners: where the symbol's
// top-left and bottom-right modules (quiet zone excluded) land.
GreyImage frame_with(const QrSymbol& symbol, double degrees, double black, double white,
                     std::array<double, 4>& corners) {
    GreyImage f;
    f.width = 1280;
    f.height = 720;
    f.pixels.assign(1280u * 720u, 120);
    for (int y = 40; y < 200; ++y)
        for (int x = 40; x < 200; ++x)
            f.pixels[static_cast<std::size_t>(y * 1280 + x)] = 10;
    for (int y = 500; y < 680; ++y)
        for (int x = 1050; x < 1240; ++x)
            f.pixels[static_cast<std::size_t>(y * 1280 + x)] = 250;
    const double a = degrees * std::numbers::pi / 180, c = std::cos(a), s = std::sin(a);
    const double half = symbol.image.width / 2.0;
    for (int y = 0; y < 720; ++y)
        for (int x = 0; x < 1280; ++x) {
            const double dx = x + 0.5 - 640, dy = y + 0.5 - 360;
            const double u = c * dx + s * dy + half, v = -s * dx + c * dy + half;
            if (u < 0 || v < 0 || u >= symbol.image.width || v >= symbol.image.height) continue;
            const std::uint8_t m =
                symbol.image.pixels[static_cast<std::size_t>(v) *
                                        static_cast<std::size_t>(symbol.image.width) +
                                    static_cast<std::size_t>(u)];
            f.pixels[static_cast<std::size_t>(y * 1280 + x)] =
                static_cast<std::uint8_t>(m != 0 ? white : black);
        }
    const double quiet = 4.0 * symbol.image.width / (symbol.modules + 8);
    const double u0 = quiet - half, u1 = half - quiet;
    corners = {640 + c * u0 - s * u0, 360 + s * u0 + c * u0, 640 + c * u1 - s * u1,
               360 + s * u1 + c * u1};
    return f;
}

ZXing::ImageView view_of(const GreyImage& g) {
    return {g.pixels.data(), g.width, g.height, ZXing::ImageFormat::Lum};
}

} // namespace

TEST_CASE("second look reads a low-contrast code the first pass misses", "[scan]") {
    const std::string text = long_credential();
    const auto symbol = render_qr(text, 5);
    REQUIRE(symbol);
    std::array<double, 4> corners{};
    // Black and white 40 grey levels apart, turned 10 degrees: ZXing 1.4 alone reads nothing.
    const GreyImage frame = frame_with(*symbol, 10, 100, 140, corners);
    // The read pipeline's costlier steps (recovery.h) are off: this is the second look's test.
    QrReadOptions looks;
    looks.recovery_budget = 0;
    QrReadOptions first_only = looks;
    first_only.second_look = false;
    CHECK_FALSE(read_qr(view_of(frame), first_only));
    const auto read = read_qr(view_of(frame), looks);
    REQUIRE(read);
    CHECK(read->bytes == text);
    CHECK(read->second_look);
    // The corners come back in the frame's coordinates (ZXing reports module centres, so within
    // a module or two of the symbol's corners).
    CHECK(std::abs(read->corners[0].x - corners[0]) < 10);
    CHECK(std::abs(read->corners[0].y - corners[1]) < 10);
    CHECK(std::abs(read->corners[2].x - corners[2]) < 10);
    CHECK(std::abs(read->corners[2].y - corners[3]) < 10);

    // A first pass slower than the budget gets no second look (a picture built to stall the
    // detector is not decoded twice): with no budget at all, the code is not read.
    QrReadOptions no_budget;
    no_budget.second_look_budget = std::chrono::milliseconds(0);
    CHECK_FALSE(read_qr(view_of(frame), no_budget));
}

TEST_CASE("a code the first pass reads is not looked at twice", "[scan]") {
    const std::string text = long_credential();
    const auto symbol = render_qr(text, 5);
    REQUIRE(symbol);
    std::array<double, 4> corners{};
    const GreyImage frame = frame_with(*symbol, 0, 30, 220, corners);
    const auto read = read_qr(view_of(frame));
    REQUIRE(read);
    CHECK(read->bytes == text);
    CHECK_FALSE(read->second_look);
}

TEST_CASE("second look turns the frame 45 degrees counter-clockwise and stretches it", "[scan]") {
    GreyImage g;
    g.width = 200;
    g.height = 100;
    g.pixels.assign(200u * 100u, 100);
    for (int y = 40; y < 60; ++y) // 2% of the picture: above the 1% cut of the stretch
        for (int x = 145; x < 165; ++x)
            g.pixels[static_cast<std::size_t>(y * 200 + x)] = 140;
    const GreyImage out = second_look(g.pixels.data(), g.width, g.height, g.width);
    REQUIRE(out.width == 200);
    REQUIRE(out.height == 100);
    // The patch 55 px right of the centre lands up and to the right (counter-clockwise, y down).
    double fx = 0, fy = 0;
    const int px = static_cast<int>(std::lround(99.5 + 55 * std::cos(std::numbers::pi / 4)));
    const int py = static_cast<int>(std::lround(49.5 - 55 * std::sin(std::numbers::pi / 4)));
    CHECK(out.pixels[static_cast<std::size_t>(py * 200 + px)] == 255); // stretched to white
    CHECK(out.pixels[static_cast<std::size_t>(50 * 200 + 100)] == 0);  // background to black
    second_look_to_frame(px, py, g.width, g.height, fx, fy);
    CHECK(std::abs(fx - 154.5) < 2);
    CHECK(std::abs(fy - 49.5) < 2);
}

TEST_CASE("an empty frame gives nothing on either look", "[scan]") {
    GreyImage g;
    g.width = 640;
    g.height = 480;
    g.pixels.assign(640u * 480u, 0);
    for (std::size_t i = 0; i < g.pixels.size(); ++i)
        g.pixels[i] = static_cast<std::uint8_t>((i * 2654435761u) >> 24); // noise
    CHECK_FALSE(read_qr(view_of(g)));
}
