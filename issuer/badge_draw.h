// Drawing one badge with cairo, in millimetres, with its top-left corner at the user-space origin.
#pragma once

#include "badge_layout.h"
#include "badge_spec.h"
#include "qr_writer.h"

#include <cairo.h>

namespace accred::badge {

// How the target is rendered. Vector output (PDF) leaves it at zero; a bitmap gives its pixels per
// millimetre, so QR modules can be snapped to whole pixels (sharp edges, no grey seams).
struct Target {
    double pixels_per_mm = 0;
    const QrSymbol* qr = nullptr; // the credential's symbol when already encoded, else encoded here
    // The event's logo, decoded once for all badges (decode_image); nullptr: none.
    cairo_surface_t* logo = nullptr;
};

// Draws badge. The caller has validated the colour; a bad photo becomes a placeholder. Fails only
// when the credential cannot be encoded as a QR code. The caller checks cairo's own status.
Status draw_badge(cairo_t* cr, const BadgeContent& badge, BadgeFormat format, const Target& target);

// Draws badge's back side: the QR code at full width (it scans from farther and with more blur
// than the front's), with the event's and the holder's names. Fails as draw_badge does.
Status draw_badge_back(cairo_t* cr, const BadgeContent& badge, BadgeFormat format,
                       const Target& target);

} // namespace accred::badge
