// The badge design's measurable rules, without cairo: badge and QR geometry in millimetres, the
// category colour format, and text made printable. Tests check rendered badges against these.
#pragma once

#include "badge_layout.h"

#include <optional>
#include <string>
#include <string_view>

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

BadgeSize badge_size(BadgeFormat format);

// Where the QR code goes on a badge: a square including the 4-module quiet zone, which nothing
// else may enter.
Box qr_area(BadgeFormat format);

// The QR module size in millimetres for a symbol of `modules` modules a side (quiet zone excluded):
// the QR area is fixed per format, so a longer credential gets smaller modules.
double qr_module_mm(BadgeFormat format, int modules);

// A category colour from "#RRGGBB"; nullopt for anything else.
std::optional<Rgb> parse_colour(const std::string& text);

// The text with invalid UTF-8 replaced by U+FFFD and control characters by spaces. cairo's text
// functions refuse invalid UTF-8 by putting the context into a permanent error state.
std::string printable_utf8(std::string_view text);

} // namespace accred::badge
