// Where the scanner last saw a code, for the screen to outline it over the live picture.
#pragma once

#include "scan/qr_reader.h"

#include <array>
#include <chrono>
#include <cstdint>

namespace accred {

struct QrSighting {
    std::array<QrPoint, 4> corners{}; // in the pixels of the frame it was found in
    int frame_width = 0;
    int frame_height = 0;
    std::uint64_t frame_index = 0;
    std::chrono::steady_clock::time_point when{}; // when it was decoded
};

} // namespace accred
