// Regions of a frame that may hold a badly blurred QR code: where the finder census (which needs
// sharp finder patterns) found nothing, a code still shows as a square patch busier than its
// surroundings. What the read pipeline deconvolves (deblur.h) when nothing else read.
#pragma once

#include "scan/code_regions.h"
#include "scan/grey_ops.h"

#include <vector>

namespace accred {

// Side of the square blocks the frame's busyness is measured on, pixels.
inline constexpr int kTextureBlock = 8;

// Up to max_count square regions, busiest first: connected patches of blocks whose mean gradient
// is at least half the frame's 99th percentile and twice its median, about as wide as high,
// between min_side and max_side pixels. Each box is the patch's square plus a margin; module is a guess from its side
// (a credential's code is about 60 modules wide). Reads every second pixel of every second row.
std::vector<CodeRegion> textured_regions(const GreyView& frame, int min_side, int max_side,
                                         int max_count);

} // namespace accred
