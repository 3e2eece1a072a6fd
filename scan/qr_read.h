// One QR code read from a picture.
#pragma once

#include <array>
#include <string>

namespace accred {

struct QrPoint {
    int x = 0;
    int y = 0;
};

struct QrRead {
    std::string bytes;    // the symbol's raw content bytes, no character-set conversion
    std::string ec_level; // "L", "M", "Q" or "H"
    // The symbol's corners in image pixels: top-left, top-right, bottom-right, bottom-left of the
    // symbol as printed (so rotated with it), for outlining it on screen.
    std::array<QrPoint, 4> corners{};
    bool second_look = false; // found only by the second look (second_look.h)
    // The read pipeline's step that read it: "first pass", "pyramid", "second look", or one of
    // recovery.h's ("region sharpened", ...). For benchmarks and the kiosk's diagnostics.
    const char* step = "first pass";
};

} // namespace accred
