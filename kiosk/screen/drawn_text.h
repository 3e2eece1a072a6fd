// One line of text as the painter drew it, recorded on request (Painter::record_into) so that a
// test can check a whole screen at every size and language: nothing cut, shrunk or overlapping.
#pragma once

#include "kiosk/screen/screen_geometry.h"

#include <string>

namespace accred {

struct DrawnText {
    std::string text;
    Rect box;         // the room it was given: x, y, width, and the line's height
    Rect ink;         // where it was drawn (at most the box's width)
    int px_asked = 0; // the size asked for...
    int px_drawn = 0; // ...and the size drawn after shrinking to fit the width
    bool cut = false; // wider than its box even shrunk, or a paragraph's line left out
};

} // namespace accred
