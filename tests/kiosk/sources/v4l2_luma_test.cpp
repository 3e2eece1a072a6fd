// Grey out of camera buffers: the formats a V4L2 camera (or libv4l2's conversion) delivers.
#include "kiosk/sources/v4l2_luma.h"

#include <catch2/catch.hpp>
#include <linux/videodev2.h>

using namespace accred;

namespace {

using Bytes = std::vector<std::uint8_t>;

Status extract(const Bytes& data, std::uint32_t fourcc, int w, int h, std::uint32_t stride,
               Bytes& out) {
    return extract_luma({data.data(), data.size(), fourcc, w, h, stride}, out);
}

} // namespace

TEST_CASE("Luma comes out of packed YUV in either byte order", "[sources][v4l2]") {
    Bytes out;
    // 2x2 YUYV: Y0 U Y1 V per pixel pair.
    REQUIRE(extract({10, 128, 20, 128, 30, 128, 40, 128}, V4L2_PIX_FMT_YUYV, 2, 2, 0, out));
    CHECK(out == Bytes{10, 20, 30, 40});
    REQUIRE(extract({128, 11, 128, 21, 128, 31, 128, 41}, V4L2_PIX_FMT_UYVY, 2, 2, 0, out));
    CHECK(out == Bytes{11, 21, 31, 41});
}

TEST_CASE("Luma comes out of planar formats with padded rows", "[sources][v4l2]") {
    Bytes out;
    // 3x2 NV12 with a stride of 4: the padding bytes (99) and the chroma after must not leak in.
    const Bytes nv12{1, 2, 3, 99, 4, 5, 6, 99, 128, 128, 128, 128};
    REQUIRE(extract(nv12, V4L2_PIX_FMT_NV12, 3, 2, 4, out));
    CHECK(out == Bytes{1, 2, 3, 4, 5, 6});
    REQUIRE(extract({7, 8, 9, 10, 128, 128}, V4L2_PIX_FMT_YUV420, 2, 2, 0, out));
    CHECK(out == Bytes{7, 8, 9, 10});
    REQUIRE(extract({0, 255}, V4L2_PIX_FMT_GREY, 2, 1, 0, out));
    CHECK(out == Bytes{0, 255});
}

TEST_CASE("RGB and BGR are converted to luma", "[sources][v4l2]") {
    Bytes out;
    REQUIRE(extract({255, 255, 255, 255, 0, 0}, V4L2_PIX_FMT_RGB24, 2, 1, 0, out));
    CHECK(out[0] == 255);
    CHECK(out[1] == 76); // 0.299 * 255
    REQUIRE(extract({0, 0, 255}, V4L2_PIX_FMT_BGR24, 1, 1, 0, out));
    CHECK(out[0] == 76);
}

TEST_CASE("Short buffers and unknown formats are refused", "[sources][v4l2]") {
    Bytes out;
    auto short_buffer = extract({1, 2, 3}, V4L2_PIX_FMT_YUYV, 2, 1, 0, out);
    REQUIRE_FALSE(short_buffer);
    CHECK_THAT(short_buffer.error().message, Catch::Contains("shorter"));
    CHECK_FALSE(extract({1, 2, 3, 4}, V4L2_PIX_FMT_GREY, 2, 2, 1, out)); // stride < width
    auto mjpeg = extract(Bytes(100), V4L2_PIX_FMT_MJPEG, 4, 4, 0, out);
    REQUIRE_FALSE(mjpeg);
    CHECK_THAT(mjpeg.error().message, Catch::Contains("MJPG"));
    CHECK_FALSE(has_luma_reader(V4L2_PIX_FMT_MJPEG));
    CHECK(has_luma_reader(V4L2_PIX_FMT_YUV420));
    CHECK(fourcc_text(V4L2_PIX_FMT_YUYV) == "YUYV");
}
