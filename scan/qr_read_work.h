// What reading one frame cost, counted as work rather than time.
#pragma once

#include <cstdint>

namespace accred {

// Work done on one frame, in pixels rather than milliseconds, so that the read pipeline's budget
// (QrReadOptions::recovery_budget) holds the same on a loaded machine and a test can check it.
struct QrReadWork {
    std::uint64_t decoded_pixels = 0;  // pixels handed to ZXing, every pass
    std::uint64_t filtered_pixels = 0; // pixels written by sharpening, enlarging or turning
    int decodes = 0;                   // ZXing passes
    std::uint64_t total() const { return decoded_pixels + filtered_pixels; }
};

} // namespace accred
