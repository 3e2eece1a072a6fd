// The YUV4MPEG2 reader: strict about the header and frame boundaries, bounded in what it
// allocates, and fine with files and pipes alike.
#include "kiosk/sources/y4m_format.h"
#include "kiosk/sources/y4m_source.h"
#include "support/test_support.h"

#include <catch2/catch.hpp>
#include <fstream>
#include <thread>
#include <unistd.h>

using namespace accred;

namespace {

std::string write_file(const test::TempDir& dir, const std::string& name, const std::string& data) {
    const std::string path = dir.file(name);
    std::ofstream(path, std::ios::binary) << data;
    return path;
}

// A frame of a w x h 4:2:0 stream whose luma is value everywhere and chroma 128.
std::string frame_420(int w, int h, char value) {
    return "FRAME\n" + std::string(static_cast<std::size_t>(w * h), value) +
           std::string(static_cast<std::size_t>(2 * ((w + 1) / 2) * ((h + 1) / 2)), '\x80');
}

} // namespace

TEST_CASE("Y4M headers from ffmpeg and others are accepted", "[sources][y4m]") {
    auto ffmpeg =
        parse_y4m_header("YUV4MPEG2 W1280 H720 F30000:1001 Ip A1:1 C420jpeg XYSCSS=420JPEG");
    REQUIRE(ffmpeg);
    CHECK(ffmpeg->width == 1280);
    CHECK(ffmpeg->height == 720);
    CHECK(ffmpeg->luma_bytes == 1280u * 720u);
    CHECK(ffmpeg->chroma_bytes == 1280u * 720u / 2);
    CHECK(ffmpeg->frame_time_us(30) == 1'001'000);

    auto plain = parse_y4m_header("YUV4MPEG2 W5 H3"); // no C: 4:2:0; no F: 30 fps
    REQUIRE(plain);
    CHECK(plain->chroma_bytes == 2u * 3u * 2u); // odd sizes round up
    CHECK(plain->frame_time_us(3) == 100'000);

    CHECK(parse_y4m_header("YUV4MPEG2 W4 H4 Cmono")->chroma_bytes == 0);
    CHECK(parse_y4m_header("YUV4MPEG2 W4 H4 C444")->chroma_bytes == 32);
    CHECK(parse_y4m_header("YUV4MPEG2 W4 H4 C422")->chroma_bytes == 16);
    CHECK(parse_y4m_header("YUV4MPEG2 W4 H4 C420paldv")->chroma_bytes == 8);
    CHECK(parse_y4m_header("YUV4MPEG2 W4 H4 C420mpeg2")->chroma_bytes == 8);
    CHECK(parse_y4m_header("YUV4MPEG2 W4 H4 C420")->chroma_bytes == 8);
    CHECK(parse_y4m_header("YUV4MPEG2 W8192 H8192 F0:0")->rate_num == 30);
}

TEST_CASE("Bad Y4M headers are refused", "[sources][y4m]") {
    struct Case {
        const char* header;
        const char* says;
    };
    for (const Case& c :
         {Case{"YUV4MPEG W4 H4", "not a YUV4MPEG2"}, Case{"P5 640 480 255", "not a YUV4MPEG2"},
          Case{"YUV4MPEG2", "lacks a frame size"}, Case{"YUV4MPEG2 W640", "lacks a frame size"},
          Case{"YUV4MPEG2 W0 H4", "lacks a frame size"}, Case{"YUV4MPEG2 W8193 H4", "too large"},
          Case{"YUV4MPEG2 W4 H99999999", "too large"}, Case{"YUV4MPEG2 W-4 H4", "bad"},
          Case{"YUV4MPEG2 W4x H4", "bad"}, Case{"YUV4MPEG2 W4 H4 C420p10", "unsupported"},
          Case{"YUV4MPEG2 W4 H4 Crgb", "unsupported"}, Case{"YUV4MPEG2 W4 H4 W8", "repeats"},
          Case{"YUV4MPEG2 W4 H4 Z1", "unknown"}, Case{"YUV4MPEG2 W4  H4", "empty parameter"},
          Case{"YUV4MPEG2W4 H4", "expected a space"}, Case{"YUV4MPEG2 W4 H4 F30", "bad"},
          Case{"YUV4MPEG2 W4 H4 Ix", "bad"}}) {
        INFO(c.header);
        auto parsed = parse_y4m_header(c.header);
        REQUIRE_FALSE(parsed);
        CHECK_THAT(parsed.error().message, Catch::Contains(c.says));
    }
    CHECK(is_y4m_frame_line("FRAME"));
    CHECK(is_y4m_frame_line("FRAME Ixyz"));
    CHECK_FALSE(is_y4m_frame_line("FRAMES"));
    CHECK_FALSE(is_y4m_frame_line("FRAME "));
    CHECK_FALSE(is_y4m_frame_line("frame"));
}

TEST_CASE("A Y4M file gives each frame's luma plane in order", "[sources][y4m]") {
    test::TempDir dir;
    const std::string path = write_file(dir, "two.y4m",
                                        "YUV4MPEG2 W3 H2 F25:1 C420jpeg\n" + frame_420(3, 2, 'a') +
                                            frame_420(3, 2, 'b'));
    auto source = Y4mSource::open(path);
    REQUIRE(source);
    CHECK_THAT((*source)->describe(), Catch::Contains("3x2"));
    auto first = (*source)->next();
    REQUIRE(first);
    REQUIRE(first->has_value());
    const Frame& f = **first;
    CHECK(f.width == 3);
    CHECK(f.height == 2);
    CHECK(f.grey == std::vector<std::uint8_t>(6, 'a'));
    CHECK(f.index == 0);
    CHECK(f.captured_us == 0);
    auto second = (*source)->next();
    REQUIRE(second);
    REQUIRE(second->has_value());
    CHECK((*second)->grey == std::vector<std::uint8_t>(6, 'b'));
    CHECK((*second)->index == 1);
    CHECK((*second)->captured_us == 40'000);
    auto end = (*source)->next();
    REQUIRE(end);
    CHECK_FALSE(end->has_value());
}

TEST_CASE("Truncated and garbled Y4M streams are errors, not frames", "[sources][y4m]") {
    test::TempDir dir;
    const std::string header = "YUV4MPEG2 W4 H4 Cmono\n";
    const std::string good = "FRAME\n" + std::string(16, 'x');
    struct Case {
        const char* name;
        std::string data;
        const char* says;
    };
    for (const Case& c :
         {Case{"short", header + good + "FRAME\n" + std::string(15, 'x'), "truncated"},
          Case{"header-cut", header + good + "FRA", "truncated frame header"},
          Case{"garbage", header + good + "GARBAGE\n", "garbage"},
          Case{"binary", header + good + std::string(4000, '\x01'), "garbage"},
          Case{"no-frame-line", header + good + std::string(16, 'y') + "\n", "garbage"}}) {
        INFO(c.name);
        auto source = Y4mSource::open(write_file(dir, c.name, c.data));
        REQUIRE(source);
        auto first = (*source)->next();
        REQUIRE(first);
        REQUIRE(first->has_value());
        auto second = (*source)->next();
        REQUIRE_FALSE(second);
        CHECK_THAT(second.error().message, Catch::Contains(c.says) && Catch::Contains("frame 1"));
        CHECK_FALSE((*source)->next()); // the stream stays failed
    }
    auto empty = Y4mSource::open(write_file(dir, "empty", ""));
    REQUIRE_FALSE(empty);
    CHECK_THAT(empty.error().message, Catch::Contains("empty"));
    auto endless_header =
        Y4mSource::open(write_file(dir, "endless", "YUV4MPEG2 " + std::string(5000, 'X')));
    REQUIRE_FALSE(endless_header);
}

TEST_CASE("A Y4M stream through a pipe is read as it arrives, and cancel unblocks it",
          "[sources][y4m]") {
    int fds[2];
    REQUIRE(::pipe(fds) == 0);
    const std::string header = "YUV4MPEG2 W2 H2 Cmono\n";
    REQUIRE(::write(fds[1], header.data(), header.size()) == static_cast<ssize_t>(header.size()));
    auto source = Y4mSource::from_fd(fds[0], true, "pipe");
    REQUIRE(source);
    const std::string frame = "FRAME\n\x01\x02\x03\x04";
    REQUIRE(::write(fds[1], frame.data(), frame.size()) == static_cast<ssize_t>(frame.size()));
    auto got = (*source)->next();
    REQUIRE(got);
    REQUIRE(got->has_value());
    CHECK((*got)->grey == std::vector<std::uint8_t>{1, 2, 3, 4});

    // Nothing more is written: next() waits until cancelled, then reports the end.
    std::thread canceller([&] {
        std::this_thread::sleep_for(std::chrono::milliseconds(50));
        (*source)->cancel();
    });
    auto blocked = (*source)->next();
    canceller.join();
    REQUIRE(blocked);
    CHECK_FALSE(blocked->has_value());
    ::close(fds[1]);
}
