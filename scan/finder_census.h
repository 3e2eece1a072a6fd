// A quick estimate of how many QR finder patterns a picture shows, made before ZXing sees it.
//
// Why: ZXing 1.4's QR detector tries every triple of finder-pattern candidates, so its time grows
// with the cube of their number. A sheet tiled with finder-pattern look-alikes held to the camera
// costs it about 24 s for one 1280x720 frame (18 ms over a quarter of the frame's side, 0.4 s
// over half): the camera reads no badge meanwhile, and for that long after the sheet is gone.
//
// How: on every eighth row, pixels are called dark or light against the mean of the 32 pixels
// around them, and runs of dark-light-dark-light-dark in the proportions 1:1:3:1:1 (each run
// within half a module of its share, at least ZXing's minimum contrast, and the same pattern on
// the column through its centre) are cross-sections of finder patterns. A finder pattern with
// modules m pixels wide is crossed on about 3m / 8 sampled rows, so each hit counts 8 / (3m)
// and the sum estimates the number of patterns. It costs about a fifth of a decode.
#pragma once

#include "scan/finder_hit.h"

#include <cstdint>
#include <vector>

namespace accred {

// More finder-like patterns than this and the frame is not decoded (read_qr). A badge counts
// about 3 to 13 (its data modules make some look-alikes too), so 100 leaves room for several
// badges in one view; a sheet of 100 look-alikes costs ZXing 1.4 about 0.1 s at 1280x720
// (55 cost 18 ms, and the cost grows with the cube).
inline constexpr double kMaxFinderLikePatterns = 100; // QrReadOptions::max_finder_like_patterns

// The estimated number of finder-pattern-like features in a greyscale picture (width x height,
// row_stride bytes per row). Costs one pass over an eighth of the rows. When hits is given, each
// confirmed cross-section is appended to it (the read pipeline's regions of interest).
double count_finder_like_patterns(const std::uint8_t* pixels, int width, int height, int row_stride,
                                  std::vector<FinderHit>* hits = nullptr);

} // namespace accred
