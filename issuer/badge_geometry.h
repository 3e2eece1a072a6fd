// Where everything goes on one badge, in millimetres from its top-left corner, by region: the
// design's values, shared by the drawing (badge_draw.cpp) and the pure rules (badge_spec.h).
// Internal to the badge renderer. The two formats share one design; CR80 puts the name beside
// the photo because it is narrow.
#pragma once

#include "badge_spec.h"
#include "badge_text.h"

namespace accred::badge {

// ISO/IEC 18004: 4 light modules around the symbol; the layout's QR boxes include them.
inline constexpr int kQuietModules = 4;

struct TextLine {
    Box box;
    double size; // font size
    int lines = 1;
};

struct BandLayout {
    Box box;
    double radius;
    double padding;
    double category_size;
};

// The name with the delegation under it, as one block placed in `box`; every line of text on
// the badge (name, delegation, days, id) takes `align`.
struct IdentityLayout {
    Box box;
    VAlign valign;
    Align align;
    double name_height; // at most
    double name_size;
    int name_lines;
    double delegation_height;
    double delegation_size;
};

// The back: the event, the QR code at full width, and whose badge it is.
struct BackLayout {
    TextLine event;
    Box qr; // square, quiet zone included
    TextLine name;
    TextLine id;
};

struct Layout {
    BadgeSize size;
    TextLine event;
    Box logo; // left of the event's name, which then keeps clear of it on both sides
    BandLayout band;
    IdentityLayout identity;
    TextLine escort; // "Escort of: NAME (ID)"
    Box zones;       // the row (or rows) of zone boxes
    double zone_box_max;
    double zone_gap;
    TextLine days;
    TextLine id;
    Box photo;
    Box qr; // square, quiet zone included
    BackLayout back;
};

const Layout& layout_for(BadgeFormat format);

} // namespace accred::badge
