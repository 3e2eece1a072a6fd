#include "v4l2_luma.h"

#include <cstring>
#include <linux/videodev2.h>

namespace accred {
namespace {

enum class Layout { none, plane, packed_y_first, packed_y_second, rgb, bgr };

struct FormatInfo {
    Layout layout;
    std::uint32_t bytes_per_pixel; // in the first plane
};

FormatInfo info(std::uint32_t fourcc) {
    switch (fourcc) {
    case V4L2_PIX_FMT_GREY:
    case V4L2_PIX_FMT_YUV420:
    case V4L2_PIX_FMT_YVU420:
    case V4L2_PIX_FMT_YUV422P:
    case V4L2_PIX_FMT_NV12:
    case V4L2_PIX_FMT_NV21:
    case V4L2_PIX_FMT_NV16:
    case V4L2_PIX_FMT_NV61:
        return {Layout::plane, 1};
    case V4L2_PIX_FMT_YUYV:
    case V4L2_PIX_FMT_YVYU:
        return {Layout::packed_y_first, 2};
    case V4L2_PIX_FMT_UYVY:
    case V4L2_PIX_FMT_VYUY:
        return {Layout::packed_y_second, 2};
    case V4L2_PIX_FMT_RGB24:
        return {Layout::rgb, 3};
    case V4L2_PIX_FMT_BGR24:
        return {Layout::bgr, 3};
    default:
        return {Layout::none, 0};
    }
}

// ITU-R BT.601 luma in fixed point, the weights ZXing uses too.
std::uint8_t luma(unsigned r, unsigned g, unsigned b) {
    return static_cast<std::uint8_t>((306 * r + 601 * g + 117 * b + 512) >> 10);
}

} // namespace

bool has_luma_reader(std::uint32_t fourcc) {
    return info(fourcc).layout != Layout::none;
}

Status extract_luma(const V4l2ImageView& image, std::vector<std::uint8_t>& out) {
    const FormatInfo f = info(image.fourcc);
    if (f.layout == Layout::none)
        return Error{"camera pixel format " + fourcc_text(image.fourcc) + " is not supported"};
    if (image.width <= 0 || image.height <= 0 || image.data == nullptr)
        return Error{"camera delivered an empty frame"};
    const auto w = static_cast<std::size_t>(image.width);
    const auto h = static_cast<std::size_t>(image.height);
    const std::size_t row_bytes = w * f.bytes_per_pixel;
    const std::size_t stride = image.stride == 0 ? row_bytes : image.stride;
    if (stride < row_bytes || image.size < stride * (h - 1) + row_bytes)
        return Error{"camera frame is shorter than its format says (" + std::to_string(image.size) +
                     " bytes for " + std::to_string(w) + "x" + std::to_string(h) + " " +
                     fourcc_text(image.fourcc) + ")"};
    out.resize(w * h);
    for (std::size_t y = 0; y < h; ++y) {
        const std::uint8_t* src = image.data + y * stride;
        std::uint8_t* dst = out.data() + y * w;
        switch (f.layout) {
        case Layout::plane:
            std::memcpy(dst, src, w);
            break;
        case Layout::packed_y_first:
            for (std::size_t x = 0; x < w; ++x)
                dst[x] = src[2 * x];
            break;
        case Layout::packed_y_second:
            for (std::size_t x = 0; x < w; ++x)
                dst[x] = src[2 * x + 1];
            break;
        case Layout::rgb:
            for (std::size_t x = 0; x < w; ++x)
                dst[x] = luma(src[3 * x], src[3 * x + 1], src[3 * x + 2]);
            break;
        case Layout::bgr:
            for (std::size_t x = 0; x < w; ++x)
                dst[x] = luma(src[3 * x + 2], src[3 * x + 1], src[3 * x]);
            break;
        case Layout::none:
            break;
        }
    }
    return success();
}

std::string fourcc_text(std::uint32_t fourcc) {
    std::string text;
    for (int shift = 0; shift < 32; shift += 8) {
        const auto c = static_cast<char>((fourcc >> shift) & 0xff);
        text.push_back(c >= 0x20 && c < 0x7f ? c : '?');
    }
    return text;
}

} // namespace accred
