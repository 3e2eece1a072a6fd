// Text on badges: UTF-8 made safe for cairo, and text fitted into a box on one to three lines,
// shrunk until it fits. Nothing is ever cut off: a person's name must be printed whole.
#pragma once

#include "badge_spec.h"

#include <cairo.h>
#include <string>
#include <string_view>
#include <vector>

namespace accred::badge {

enum class Align { left, centre };
enum class VAlign { top, middle, bottom };

struct TextStyle {
    double max_size = 4; // em size in millimetres; shrunk as needed, never enlarged
    int max_lines = 1;   // 1-3; lines break after spaces and hyphens only
    bool bold = false;
    Align align = Align::centre;
    VAlign valign = VAlign::middle;
    Rgb colour{};
};

struct FittedText {
    double size = 0;                // em size in millimetres
    std::vector<std::string> lines; // at least one
    double ascent = 0;              // of the font at size, for placing baselines
    double line_height = 0;
    double height() const { return line_height * static_cast<double>(lines.size()); }
};

// The largest layout of text (at most style.max_size) whose lines fit box. More lines are used
// only when they allow a clearly larger size. Text must already be printable_utf8.
FittedText fit_text(cairo_t* cr, const std::string& text, const Box& box, const TextStyle& style);

// How text fits into box, for placing it before drawing (no lines for empty text).
FittedText measure_text(cairo_t* cr, std::string_view text, const Box& box, const TextStyle& style);

// Fits and draws text in box. Returns the height actually used, from box.y for VAlign::top.
double draw_text(cairo_t* cr, std::string_view text, const Box& box, const TextStyle& style);

} // namespace accred::badge
