// The holder's photo on a badge: decoded with stb_image, drawn in a frame with its aspect kept.
#pragma once

#include "badge_text.h"

#include <cairo.h>
#include <string>

namespace accred::badge {

// Draws the photo (PNG or JPEG bytes) scaled to fit frame, centred, aspect kept, with a thin
// border. Empty or undecodable bytes, or an image larger than kMaxImageSide, draw a grey
// placeholder box saying "no photo" instead. pixels_per_mm is the target's resolution (0: vector),
// used to avoid embedding far more pixels than the printer can show.
void draw_photo(cairo_t* cr, const std::string& bytes, const Box& frame, double pixels_per_mm);

} // namespace accred::badge
