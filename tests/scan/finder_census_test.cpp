// The finder-pattern census that keeps decoder bait away from ZXing: honest frames (one badge,
// several badges, noise) count a handful, a sheet of look-alikes counts hundreds and is not
// decoded; the badges are still read.
#include "issuer/qr_writer.h"
#include "scan/finder_census.h"
#include "scan/qr_reader.h"

#include <ZXing/ImageView.h>
#include <catch2/catch.hpp>
#include <random>

using namespace accred;

namespace {

constexpr int kWidth = 1280, kHeight = 720;

GreyImage blank_frame() {
    GreyImage frame;
    frame.width = kWidth;
    frame.height = kHeight;
    frame.pixels.assign(static_cast<std::size_t>(kWidth) * kHeight, 170);
    return frame;
}

void paste(GreyImage& frame, const GreyImage& image, int x0, int y0) {
    for (int y = 0; y < image.height; ++y)
        for (int x = 0; x < image.width; ++x)
            frame.pixels[static_cast<std::size_t>(y0 + y) * kWidth + x0 + x] =
                image.pixels[static_cast<std::size_t>(y) * image.width + x];
}

// Finder-pattern look-alikes (7x7 modules, a 3x3 core) of module_px pixels, one every 8
// modules, over a centred rectangle covering side_fraction of the frame's width and height.
GreyImage bait(double side_fraction, int module_px) {
    GreyImage frame = blank_frame();
    const int w = static_cast<int>(kWidth * side_fraction);
    const int h = static_cast<int>(kHeight * side_fraction);
    const int x0 = (kWidth - w) / 2, y0 = (kHeight - h) / 2;
    for (int y = 0; y < h; ++y)
        for (int x = 0; x < w; ++x) {
            const int mx = (x / module_px) % 8, my = (y / module_px) % 8;
            const bool dark = mx < 7 && my < 7 &&
                              (mx == 0 || mx == 6 || my == 0 || my == 6 ||
                               (mx >= 2 && mx <= 4 && my >= 2 && my <= 4));
            frame.pixels[static_cast<std::size_t>(y0 + y) * kWidth + x0 + x] = dark ? 0 : 255;
        }
    return frame;
}

std::string credential_like(char salt) {
    std::string text = "AC1:";
    while (text.size() < 271)
        text += "RRQT 9P60GO0LCTB*5FZB1+G8CK$-./:";
    text.resize(271);
    text[10] = salt;
    return text;
}

double census(const GreyImage& frame) {
    return count_finder_like_patterns(frame.pixels.data(), frame.width, frame.height, frame.width);
}

ZXing::ImageView view_of(const GreyImage& g) {
    return {g.pixels.data(), g.width, g.height, ZXing::ImageFormat::Lum};
}

} // namespace

TEST_CASE("A badge in the frame counts its three finder patterns", "[scan][census]") {
    for (const int module_px : {3, 4, 6, 9}) {
        INFO("module " << module_px << " px");
        const auto symbol = render_qr(credential_like('A'), module_px);
        REQUIRE(symbol);
        GreyImage frame = blank_frame();
        paste(frame, symbol->image, (kWidth - symbol->image.width) / 2,
              (kHeight - symbol->image.height) / 2);
        const double n = census(frame);
        CHECK(n > 1.5);
        CHECK(n < 6);
        const auto read = read_qr(view_of(frame));
        REQUIRE(read);
        CHECK(read->bytes == credential_like('A'));
    }
}

TEST_CASE("Several badges and camera noise stay far below the limit", "[scan][census]") {
    GreyImage frame = blank_frame();
    std::mt19937 rng(3);
    for (auto& p : frame.pixels)
        p = static_cast<std::uint8_t>(120 + rng() % 100);
    for (int i = 0; i < 4; ++i) {
        const auto symbol = render_qr(credential_like(static_cast<char>('A' + i)), 3);
        REQUIRE(symbol);
        paste(frame, symbol->image, 20 + i * (symbol->image.width + 10), 200);
    }
    const double n = census(frame);
    CHECK(n > 6);
    CHECK(n < kMaxFinderLikePatterns * 0.6); // four badges: room for more
    CHECK(read_qr(view_of(frame)));          // one of them is read
}

TEST_CASE("A sheet of finder-pattern look-alikes is counted and not decoded", "[scan][census]") {
    // Covering the whole frame it would cost ZXing 1.4 about 24 s; half the frame's side, 0.4 s.
    for (const double side : {1.0, 0.5}) {
        INFO("covering " << side << " of the frame's side");
        const GreyImage frame = bait(side, 4);
        CHECK(census(frame) > kMaxFinderLikePatterns);
        CHECK_FALSE(read_qr(view_of(frame)));
    }
    // The count follows the number of look-alikes: a quarter of the side holds about 56.
    const double quarter = census(bait(0.25, 4));
    CHECK(quarter > 30);
    CHECK(quarter < 90);
    // With the check off, the same picture would go to ZXing (here a small, quick one).
    QrReadOptions unchecked;
    unchecked.max_finder_like_patterns = 0;
    CHECK_FALSE(read_qr(view_of(bait(0.1, 4)), unchecked));
}

TEST_CASE("A badge held in front of a sheet of look-alikes is not read: the frame is bait",
          "[scan][census]") {
    // Fail closed: the guard sees the camera read nothing and uses the handheld scanner.
    GreyImage frame = bait(1.0, 4);
    const auto symbol = render_qr(credential_like('Z'), 4);
    REQUIRE(symbol);
    paste(frame, symbol->image, 40, 40);
    CHECK(census(frame) > kMaxFinderLikePatterns);
    CHECK_FALSE(read_qr(view_of(frame)));
}
