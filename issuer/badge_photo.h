// The holder's photo on a badge: decoded with stb_image, drawn in a frame with its aspect kept.
#pragma once

#include "badge_text.h"

#include <cairo.h>
#include <optional>
#include <string>

namespace accred::badge {

// Draws the photo (PNG or JPEG bytes) scaled to fit frame, centred, aspect kept, with a thin
// border. Empty or undecodable bytes, or an image larger than kMaxImageSide, draw a grey
// placeholder box saying "no photo" instead. pixels_per_mm is the target's resolution (0: vector),
// used to avoid embedding far more pixels than the printer can show.
void draw_photo(cairo_t* cr, const std::string& bytes, const Box& frame, double pixels_per_mm);

// The image (PNG or JPEG bytes) as a cairo image surface, for drawing one image on many badges
// (the event's logo); nullptr when image_problem finds one. The caller destroys it.
cairo_surface_t* decode_image(const std::string& bytes);

// Draws image scaled to fit box, centred, its aspect kept, without a frame.
void draw_image_fitted(cairo_t* cr, cairo_surface_t* image, const Box& box);

// Why bytes cannot be drawn (not a PNG or JPEG by its first bytes, over max_side pixels a side,
// undecodable), as the end of a sentence ("is not a PNG or JPEG image"); nullopt when they can.
// Decodes the whole image to find out.
std::optional<std::string> image_problem(const std::string& bytes, int max_side);

} // namespace accred::badge
