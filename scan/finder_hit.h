// Where the finder census (finder_census.h) saw a finder-pattern-like feature.
#pragma once

namespace accred {

struct FinderHit {
    int x = 0;         // the centre of its horizontal cross-section, pixels
    int y = 0;         // the sampled row
    double module = 0; // its module width, pixels
};

} // namespace accred
