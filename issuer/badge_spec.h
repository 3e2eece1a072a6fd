// The badge design's measurable rules, without cairo: badge and QR geometry in millimetres, the
// category colour format, and text made printable. Tests check rendered badges against these.
#pragma once

#include "badge_layout.h"

#include <cstddef>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

namespace accred::badge {

// A rectangle in millimetres from a badge's top-left corner (or in the current user space).
struct Box {
    double x = 0;
    double y = 0;
    double w = 0;
    double h = 0;
};

struct Rgb {
    double r = 0;
    double g = 0;
    double b = 0;
};

struct BadgeSize {
    double width_mm = 0;
    double height_mm = 0;
};

// A badge's front (photo, name, category, zones, QR) or its optional back (the QR at full width).
enum class Side { front, back };

BadgeSize badge_size(BadgeFormat format);

// Where the QR code goes on a side of a badge: a square including the 4-module quiet zone,
// which nothing else may enter.
Box qr_area(BadgeFormat format, Side side = Side::front);

// The QR module size in millimetres for a symbol of `modules` modules a side (quiet zone excluded):
// the QR area is fixed per format, so a longer credential gets smaller modules.
double qr_module_mm(BadgeFormat format, int modules, Side side = Side::front);

// The photo's frame on the front: 37 x 46.25 mm on A6, 25.6 x 32 mm on CR80 (a face check
// needs at least 25 x 32 mm).
Box photo_area(BadgeFormat format);

// The boxes of the row of zone codes for an event of `count` zones, in file order: squares as
// large as the format allows (8.5 mm on A6, 6.5 mm on CR80), wrapped onto more rows when one row
// would make them smaller, centred across the badge. Empty for no zones.
std::vector<Box> zone_boxes(BadgeFormat format, std::size_t count);

// One page of a PDF of badges, in millimetres: its size and its grid of badge slots.
struct PageGeometry {
    BadgeSize page;
    int columns = 1;
    int rows = 1;
    double gutter = 0;
    double left = 0; // first column
    double top = 0;  // first row
};
PageGeometry page_geometry(const BadgeRenderOptions& options);

struct Point {
    double x = 0;
    double y = 0;
};
// The top-left corner of the badge in `slot` (0-based, row by row) on a page of `side`s. On the
// back of an A4 sheet the columns are mirrored, so after a flip on the long edge each back lies
// behind its own front.
Point badge_origin(const PageGeometry& page, std::size_t slot, Side side);

// A category colour from "#RRGGBB"; nullopt for anything else.
std::optional<Rgb> parse_colour(const std::string& text);

// The text with invalid UTF-8 replaced by U+FFFD and control characters by spaces. cairo's text
// functions refuse invalid UTF-8 by putting the context into a permanent error state.
std::string printable_utf8(std::string_view text);

} // namespace accred::badge
