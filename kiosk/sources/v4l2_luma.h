// Taking the luma (grey) plane out of a camera buffer in one of the V4L2 pixel formats.
#pragma once

#include "crypto/outcome.h"

#include <cstddef>
#include <cstdint>
#include <string>
#include <vector>

namespace accred {

// A non-owning view of one captured buffer as V4L2 describes it.
struct V4l2ImageView {
    const std::uint8_t* data = nullptr;
    std::size_t size = 0;     // bytes valid at data (bytesused)
    std::uint32_t fourcc = 0; // V4L2_PIX_FMT_*
    int width = 0;
    int height = 0;
    std::uint32_t stride = 0; // bytesperline of the first plane; 0 = packed rows
};

// True for the formats extract_luma reads: GREY; planar YUV420, YVU420, YUV422P, NV12, NV21,
// NV16, NV61 (luma plane first); packed YUYV, YVYU, UYVY, VYUY; RGB24, BGR24 (converted).
bool has_luma_reader(std::uint32_t fourcc);

// Copies the luma of image into out as width * height bytes. Fails on an unsupported format or a
// buffer too small for the declared size and stride.
Status extract_luma(const V4l2ImageView& image, std::vector<std::uint8_t>& out);

// "YUYV", "MJPG"...: the four characters of a V4L2 pixel format, for messages.
std::string fourcc_text(std::uint32_t fourcc);

} // namespace accred
