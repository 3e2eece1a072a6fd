// Regions of a frame that likely hold a QR code, from the finder census's hits: what the read
// pipeline enlarges and sharpens when the whole frame gave nothing (recovery.h).
#pragma once

#include "scan/finder_hit.h"
#include "scan/grey_ops.h"

#include <vector>

namespace accred {

struct CodeRegion {
    PixelRect box;     // a square about the code, quiet zone included, in frame pixels
    double module = 0; // the code's module width, pixels (its finder patterns')
    int hits = 0;      // census cross-sections behind it: more is surer
};

// Hits are grouped into finder patterns (cross-sections within a few modules of each other);
// two or three patterns of about the same module size, no farther apart than a credential's
// code allows, make one region: a square about the code, quiet zone included, whatever its
// rotation. Surest first; a lone pattern gives no region.
std::vector<CodeRegion> code_regions(const std::vector<FinderHit>& hits);

} // namespace accred
