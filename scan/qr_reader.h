// Finding and decoding a QR code in a greyscale image with ZXing.
#pragma once

#include "scan/finder_census.h"

#include <array>
#include <chrono>
#include <cstdint>
#include <optional>
#include <string>

namespace ZXing {
class ImageView;
}

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
};

struct QrReadOptions {
    bool try_harder = true; // slower, finds codes in poorer images
    bool try_rotate = true; // also 90/180/270 degrees (ZXing 1.4's QR reader ignores it)
    // When the frame gives nothing, decode once more from second_look(frame): turned 45 degrees
    // and contrast-stretched. Greyscale (Lum) images only. Costs a second decode on every frame
    // without a readable code; reads about 30% more badges on the camera-condition corpus.
    bool second_look = true;
    // ...but only after a first pass faster than this. A camera frame's first pass takes a few
    // milliseconds; a far slower one means a picture built to stall the detector (a sheet of
    // finder-pattern look-alikes costs ZXing 1.4 up to ~24 s at 1280x720), and decoding it a
    // second time would only double the stall (docs/threat-model.md, 4.6).
    std::chrono::milliseconds second_look_budget{40};
    // A greyscale picture with more finder-pattern look-alikes than this is not decoded at all
    // (finder_census.h: bait that would stall ZXing for seconds). 0 turns the check off.
    double max_finder_like_patterns = kMaxFinderLikePatterns;
};

// Decodes at most one QR code (QR only, no other symbology). nullopt when none is found.
std::optional<QrRead> read_qr(const ZXing::ImageView& image, const QrReadOptions& options = {});

} // namespace accred
