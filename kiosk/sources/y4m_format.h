// The stream header of a YUV4MPEG2 file (the format of ffmpeg's -f yuv4mpegpipe).
#pragma once

#include "crypto/outcome.h"

#include <cstddef>
#include <string>
#include <string_view>

namespace accred {

// Larger frames are refused: no camera we take sends them, and a bad header must not make us
// allocate gigabytes.
inline constexpr int kMaxY4mSide = 8192;
// Header and FRAME lines longer than this are garbage, not a stream.
inline constexpr std::size_t kMaxY4mLine = 1024;

struct Y4mFormat {
    int width = 0;
    int height = 0;
    int rate_num = 30; // frames per second as a fraction; 30:1 when the header gives none or 0:0
    int rate_den = 1;
    std::string colour_space = "420jpeg"; // the C parameter; 4:2:0 when absent
    std::size_t luma_bytes = 0;           // width * height
    std::size_t chroma_bytes = 0;         // what follows the luma plane in each frame

    std::size_t frame_bytes() const { return luma_bytes + chroma_bytes; }
    // The capture time of frame index on the stream's clock.
    std::int64_t frame_time_us(std::uint64_t index) const;
};

// Parses a header line without its trailing newline, e.g.
// "YUV4MPEG2 W1280 H720 F30:1 Ip A1:1 C420jpeg XYSCSS=420JPEG". Accepts 8-bit colour spaces
// 420jpeg, 420paldv, 420mpeg2, 420, 411, 422, 444, 444alpha and mono; refuses anything else,
// unknown or repeated parameters, and sizes beyond kMaxY4mSide.
Outcome<Y4mFormat> parse_y4m_header(std::string_view line);

// Checks a frame header line ("FRAME" and optional parameters, without the newline).
bool is_y4m_frame_line(std::string_view line);

} // namespace accred
