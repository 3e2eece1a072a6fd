// Still images as frames: one per image, directories sorted by name, bad images skipped.
#include "scan/grey_image.h"
#include "kiosk/sources/frame_source.h"
#include "kiosk/sources/image_list_source.h"
#include "support/test_support.h"

#include <catch2/catch.hpp>
#include <filesystem>
#include <fstream>

using namespace accred;

namespace {

// A 2x1 image whose first pixel is marker, so frames can be told apart.
void write_png(const std::string& path, std::uint8_t marker) {
    GreyImage image;
    image.width = 2;
    image.height = 1;
    image.pixels = {marker, 0};
    REQUIRE(save_grey_png(image, path));
}

std::vector<int> markers(FrameSource& source) {
    std::vector<int> seen;
    while (true) {
        auto frame = source.next();
        REQUIRE(frame);
        if (!frame->has_value()) return seen;
        seen.push_back((*frame)->grey.front());
    }
}

} // namespace

TEST_CASE("A directory of images is read in name order, non-images ignored", "[sources][images]") {
    test::TempDir dir;
    std::filesystem::create_directory(dir.path() / "sub");
    write_png(dir.file("b.png"), 2);
    write_png(dir.file("a.PNG"), 1); // upper case sorts first in byte order: "a.PNG" < "b.png"
    write_png(dir.file("c.png"), 3);
    write_png(dir.file("sub/z.png"), 9); // subdirectories are not entered
    std::ofstream(dir.file("notes.txt")) << "not an image";

    auto source = open_frame_source("images:" + dir.path().string());
    REQUIRE(source);
    CHECK(markers(**source) == std::vector<int>{1, 2, 3});
}

TEST_CASE("Listed images keep the order given, and frames are far apart in time",
          "[sources][images]") {
    test::TempDir dir;
    write_png(dir.file("one.png"), 1);
    write_png(dir.file("two.png"), 2);
    auto source =
        ImageListSource::open({dir.file("two.png"), dir.file("one.png"), dir.file("two.png")});
    REQUIRE(source);
    auto first = (*source)->next();
    auto second = (*source)->next();
    REQUIRE(first);
    REQUIRE(second);
    CHECK((*first)->grey.front() == 2);
    CHECK((*second)->grey.front() == 1);
    CHECK((*second)->index == 1);
    // Further apart than any debounce: each listed image is its own presentation.
    CHECK((*second)->captured_us - (*first)->captured_us >= 60'000'000);
    CHECK(markers(**source) == std::vector<int>{2});
}

TEST_CASE("An unreadable image is an error for its frame only", "[sources][images]") {
    test::TempDir dir;
    write_png(dir.file("a.png"), 1);
    std::ofstream(dir.file("b.png")) << "not really a PNG";
    write_png(dir.file("c.png"), 3);
    auto source = ImageListSource::open({dir.path().string()});
    REQUIRE(source);
    CHECK((*source)->can_continue_after_error());
    CHECK((*(*source)->next())->grey.front() == 1);
    auto bad = (*source)->next();
    REQUIRE_FALSE(bad);
    CHECK_THAT(bad.error().message, Catch::Contains("b.png"));
    CHECK(markers(**source) == std::vector<int>{3});
}

TEST_CASE("An image source with nothing to show is refused", "[sources][images]") {
    test::TempDir dir;
    auto empty = ImageListSource::open({dir.path().string()});
    REQUIRE_FALSE(empty);
    CHECK_THAT(empty.error().message, Catch::Contains("no PNG or JPEG"));
}

TEST_CASE("Only PNG and JPEG are decoded: the other formats stb_image knows are refused first",
          "[sources][images]") {
    accred::test::TempDir dir;
    // Small valid files of formats stb_image would decode: their decoders are not fuzzed here
    // and never see a file handed in.
    const std::pair<const char*, std::string> others[] = {
        {"grey.pgm", std::string("P5\n2 1\n255\n\x10\x00", 13)},
        {"pixel.gif", std::string("GIF89a\x01\x00\x01\x00\x80\x00\x00\xff\xff\xff\x00\x00\x00"
                                  "!\xf9\x04\x01\x00\x00\x00\x00,\x00\x00\x00\x00\x01\x00\x01\x00"
                                  "\x00\x02\x02" "D\x01\x00;",
                                  43)},
        {"pixel.bmp", std::string("BM\x3a\x00\x00\x00\x00\x00\x00\x00\x36\x00\x00\x00\x28\x00"
                                  "\x00\x00\x01\x00\x00\x00\x01\x00\x00\x00\x01\x00\x18\x00\x00"
                                  "\x00\x00\x00\x04\x00\x00\x00\x13\x0b\x00\x00\x13\x0b\x00\x00"
                                  "\x00\x00\x00\x00\x00\x00\x00\x00\x10\x20\x30\x00",
                                  58)},
    };
    for (const auto& [name, bytes] : others) {
        CAPTURE(name);
        { std::ofstream(dir.file(name), std::ios::binary) << bytes; }
        auto image = load_grey_image(dir.file(name));
        REQUIRE_FALSE(image);
        CHECK_THAT(image.error().message, Catch::Contains("is not a PNG or JPEG image"));
    }
    write_png(dir.file("ok.png"), 7);
    auto png = load_grey_image(dir.file("ok.png"));
    REQUIRE(png);
    CHECK(png->pixels.front() == 7);
}
