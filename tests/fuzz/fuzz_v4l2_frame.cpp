// fuzz_v4l2_frame: extract_luma (kiosk/sources/v4l2_luma.h), the camera buffer -> luma
// conversion, with fuzzed pixel format, width, height, stride and buffer bytes.
// Input: byte 0 picks the fourcc (one of the 15 supported, or bytes 1-4 as a raw fourcc), bytes
// 5-8 width, 9-12 height (int32 LE, negative allowed), 13-16 stride (uint32 LE), then the buffer
// (bytesused = its length; the buffer is a copy of exactly that size, so ASan sees any overread).
// Must hold: no crash or UB, no read past the buffer; on success out has width * height bytes.
#include "fuzz_common.h"

#include "kiosk/sources/v4l2_luma.h"

#include <cstring>
#include <linux/videodev2.h>
#include <vector>

using namespace accred;

namespace {

constexpr std::uint32_t kFormats[] = {
    V4L2_PIX_FMT_GREY, V4L2_PIX_FMT_YUV420, V4L2_PIX_FMT_YVU420, V4L2_PIX_FMT_YUV422P,
    V4L2_PIX_FMT_NV12, V4L2_PIX_FMT_NV21,   V4L2_PIX_FMT_NV16,   V4L2_PIX_FMT_NV61,
    V4L2_PIX_FMT_YUYV, V4L2_PIX_FMT_YVYU,   V4L2_PIX_FMT_UYVY,   V4L2_PIX_FMT_VYUY,
    V4L2_PIX_FMT_RGB24, V4L2_PIX_FMT_BGR24, V4L2_PIX_FMT_MJPEG,
};

std::uint32_t u32_at(const std::uint8_t* p) {
    std::uint32_t v;
    std::memcpy(&v, p, 4);
    return v;
}

} // namespace

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
    if (size < 17) return 0;
    const std::size_t n_formats = sizeof kFormats / sizeof kFormats[0];
    V4l2ImageView view;
    view.fourcc = data[0] < n_formats ? kFormats[data[0]] : u32_at(data + 1);
    view.width = static_cast<int>(u32_at(data + 5));
    view.height = static_cast<int>(u32_at(data + 9));
    view.stride = u32_at(data + 13);
    // An exact-size heap copy, so reading one byte past bytesused is an ASan error.
    std::vector<std::uint8_t> buffer(data + 17, data + size);
    view.data = buffer.empty() ? nullptr : buffer.data();
    view.size = buffer.size();

    std::vector<std::uint8_t> out;
    (void)has_luma_reader(view.fourcc);
    (void)fourcc_text(view.fourcc);
    if (extract_luma(view, out).ok()) {
        FUZZ_CHECK(view.width > 0 && view.height > 0);
        FUZZ_CHECK(out.size() == static_cast<std::size_t>(view.width) * static_cast<std::size_t>(view.height));
    }
    return 0;
}
