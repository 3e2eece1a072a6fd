// Finding and decoding a QR code in a greyscale image with ZXing.
#pragma once

#include "scan/finder_census.h"
#include "scan/qr_read.h"
#include "scan/qr_read_work.h"

#include <array>
#include <chrono>
#include <cstdint>
#include <optional>
#include <string>

namespace ZXing {
class ImageView;
}

namespace accred {

struct QrReadOptions {
    bool try_harder = true; // slower, finds codes in poorer images
    bool try_rotate = true; // also 90/180/270 degrees (ZXing 1.4's QR reader ignores it)
    // When the frame gives nothing, decode once more from second_look(frame): turned 45 degrees
    // and contrast-stretched. Greyscale (Lum) images only. Costs a second decode on every frame
    // without a readable code; reads about 30% more badges on the camera-condition corpus.
    bool second_look = true;
    // ...but only after a first pass that took less CPU time than this (so the later steps of
    // the read pipeline too). A camera frame's first pass takes a few milliseconds; a far slower
    // one means a picture built to stall the detector (a sheet of finder-pattern look-alikes costs
    // ZXing 1.4 up to ~24 s at 1280x720), and decoding it a second time would only double the stall
    // (docs/threat-model.md, 4.6).
    std::chrono::milliseconds second_look_budget{40};
    // A greyscale picture with more finder-pattern look-alikes than this is not decoded at all
    // (finder_census.h: bait that would stall ZXing for seconds). 0 turns the check off.
    double max_finder_like_patterns = kMaxFinderLikePatterns;
    // The read pipeline's costlier steps on a frame the cheap passes could not read
    // (recovery.h: repairs of a detected code's region, a sharpened copy of the frame), within
    // this much work per frame, in frame pixels (QrReadWork::total: pixels decoded plus pixels
    // filtered; the first pass and the second look count too). 0 turns them off.
    double recovery_budget = 8.5;
};

// Decodes at most one QR code (QR only, no other symbology). nullopt when none is found. The
// work done is added to *work when it is given.
std::optional<QrRead> read_qr(const ZXing::ImageView& image, const QrReadOptions& options = {},
                              QrReadWork* work = nullptr);

} // namespace accred
