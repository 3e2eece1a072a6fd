// Print-ready badges: what goes on one badge, and rendering a set of them as PDF or PNG (cairo).
#pragma once

#include "crypto/outcome.h"

#include <cstddef>
#include <cstdint>
#include <functional>
#include <string>
#include <vector>

namespace accred {

// One zone's box in the row of zone codes on a badge (as on accreditation cards): every zone of
// the event has one, in file order, so a door without a kiosk can check access by eye.
struct BadgeZone {
    std::string mark;     // badge_mark_of(zone): "1", "P", "HLS"
    bool granted = false; // filled and marked when granted; crossed out, without mark, when not
};

// Everything printed on one badge. The desk fills it from desk.db; rendering does no lookups.
struct BadgeContent {
    std::string holder_id;     // small print, for the desk
    std::string name;          // UTF-8, up to 64 bytes
    std::string delegation;    // UTF-8, up to 64 bytes; may be empty
    std::string category_name; // e.g. "Head of delegation / Minister"
    std::string colour;        // "#RRGGBB": the category band
    std::string days;          // e.g. "31 March - 1 April 2014" or "1 April 2014"
    std::string event_name;    // e.g. "International Conference on Genocide Prevention"
    std::string photo_png;     // the photo file's bytes (PNG or JPEG); empty: a placeholder box
    std::string credential;    // the AC1 text, drawn as a QR code at error correction Q
    std::uint32_t issue = 1;   // printed as "issue N" when above 1, so reprints are visible
    std::vector<BadgeZone> zones; // every zone of the event; none: no row of zone boxes
    std::string escort_of; // an escort's principal, "NAME (ID)", printed "Escort of: ..."; or ""
};

enum class BadgeFormat {
    a6,   // 105 x 148 mm, one per page
    cr80, // 54 x 85.6 mm (ID-1 card, portrait), one per page
};

struct BadgeRenderOptions {
    BadgeFormat format = BadgeFormat::a6;
    bool a4_sheets = false; // several badges per A4 page (badges_per_sheet), with cut marks
    // A back side for each badge carrying the QR code at full card width: in the PDF each page of
    // fronts is followed by its page of backs (front, back, front, back...), an A4 sheet's backs
    // mirrored left to right so that they lie behind their fronts after a long-edge flip; as PNG,
    // DIR/<holder_id>-back.png beside each front.
    bool duplex = false;
    std::string logo; // the event's logo (PNG or JPEG bytes, desk_logo) on every badge; or ""
    // Called after each badge is drawn (done, total), for a progress bar.
    std::function<void(std::size_t, std::size_t)> progress;
};

// How many badges an A4 sheet holds: 4 A6 (2 x 2, edge to edge: A6 is a quarter of A4) or 9 CR80
// (3 x 3 with gutters for cutting; a 2 x 4 grid of portrait cards would be 342 mm tall).
std::size_t badges_per_sheet(BadgeFormat format);

// Writes all badges to one PDF file, refusing to overwrite an existing file.
Status render_badges_pdf(const std::vector<BadgeContent>& badges, const std::string& pdf_path,
                         const BadgeRenderOptions& options);

// The same PDF as render_badges_pdf, in memory (for the printer or a web answer): every badge
// is checked first, and nothing is returned unless the whole document was drawn.
Outcome<std::string> render_badges_pdf_bytes(const std::vector<BadgeContent>& badges,
                                             const BadgeRenderOptions& options);

// Writes one PNG per badge, DIR/<holder_id>.png (and DIR/<holder_id>-back.png when duplex), at dpi
// dots per inch (72-1200), refusing to overwrite any file. Always one badge per image:
// options.a4_sheets does not apply.
Status render_badges_png(const std::vector<BadgeContent>& badges, const std::string& dir, int dpi,
                         const BadgeRenderOptions& options);

} // namespace accred
