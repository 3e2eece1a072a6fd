// One picture from a frame source: 8-bit luma only, since QR decoding needs nothing else.
#pragma once

#include <cstdint>
#include <vector>

namespace accred {

struct Frame {
    int width = 0;
    int height = 0;
    std::vector<std::uint8_t> grey; // row-major, width * height bytes, no padding, 0 = black
    std::uint64_t index = 0;        // 0, 1, 2... in the order the source produced them
    // When the frame was captured, in microseconds on the source's own clock: stream time for
    // files (so debouncing means the same whether a file is read in real time or faster), the
    // monotonic clock for cameras. Only differences between frames of one source are meaningful.
    std::int64_t captured_us = 0;
};

} // namespace accred
