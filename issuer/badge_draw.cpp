#include "badge_draw.h"

#include "badge_geometry.h"
#include "badge_photo.h"
#include "issuer/qr_writer.h"

#include <algorithm>
#include <cmath>
#include <numbers>
#include <optional>

namespace accred::badge {
namespace {

constexpr Rgb kCrossed{0.60, 0.60, 0.60};
constexpr double kZoneLineWidth = 0.3; // mm
constexpr double kLogoGap = 1.5;       // mm between the logo and the event's name
constexpr Rgb kInk{0.10, 0.10, 0.10};
constexpr Rgb kSecondaryInk{0.33, 0.33, 0.33};
constexpr double kOutlineBelowContrast = 1.5;
constexpr double kBandOutlineWidth = 0.25; // mm

// WCAG relative luminance of an sRGB colour.
double luminance(const Rgb& c) {
    const auto linear = [](double v) {
        return v <= 0.04045 ? v / 12.92 : std::pow((v + 0.055) / 1.055, 2.4);
    };
    return 0.2126 * linear(c.r) + 0.7152 * linear(c.g) + 0.0722 * linear(c.b);
}

// WCAG contrast ratio of a colour with white and with black.
double contrast_with_white(const Rgb& c) {
    return 1.05 / (luminance(c) + 0.05);
}
double contrast_with_black(const Rgb& c) {
    return (luminance(c) + 0.05) / 0.05;
}

// The text on the band is whichever of black and white contrasts more with it, so the category
// name is legible on any colour.
Rgb text_colour_on(const Rgb& band) {
    return contrast_with_white(band) >= contrast_with_black(band) ? Rgb{1, 1, 1} : Rgb{0, 0, 0};
}

void rounded_rectangle(cairo_t* cr, const Box& b, double r) {
    constexpr double kQuarter = std::numbers::pi / 2;
    cairo_new_sub_path(cr);
    cairo_arc(cr, b.x + b.w - r, b.y + r, r, -kQuarter, 0);
    cairo_arc(cr, b.x + b.w - r, b.y + b.h - r, r, 0, kQuarter);
    cairo_arc(cr, b.x + r, b.y + b.h - r, r, kQuarter, 2 * kQuarter);
    cairo_arc(cr, b.x + r, b.y + r, r, 2 * kQuarter, 3 * kQuarter);
    cairo_close_path(cr);
}

void draw_band(cairo_t* cr, const Layout& l, const BadgeContent& badge) {
    const Rgb colour = parse_colour(badge.colour).value_or(Rgb{0.5, 0.5, 0.5});
    rounded_rectangle(cr, l.band.box, l.band.radius);
    cairo_set_source_rgb(cr, colour.r, colour.g, colour.b);
    // A pale band (light grey, pale yellow) would vanish on white card: it gets an outline.
    if (contrast_with_white(colour) < kOutlineBelowContrast) {
        cairo_fill_preserve(cr);
        cairo_set_source_rgb(cr, kSecondaryInk.r, kSecondaryInk.g, kSecondaryInk.b);
        cairo_set_line_width(cr, kBandOutlineWidth);
        cairo_stroke(cr);
    } else {
        cairo_fill(cr);
    }
    TextStyle style{.max_size = l.band.category_size, .max_lines = 2, .bold = true};
    style.colour = text_colour_on(colour);
    const Box& band = l.band.box;
    const Box inner{band.x + l.band.padding, band.y + l.band.padding / 2,
                    band.w - 2 * l.band.padding, band.h - l.band.padding};
    draw_text(cr, badge.category_name, inner, style);
}

// Draws the credential's QR code (PDF: an uninterpolated image; PNG: rectangles snapped to pixels)
// inside
// box, which includes the quiet zone; the quiet zone is painted white so it is clear for certain.
Status draw_qr(cairo_t* cr, const std::string& credential, const Box& box, const Target& target) {
    std::optional<Outcome<QrSymbol>> encoded;
    const QrSymbol* symbol = target.qr;
    if (symbol == nullptr) {
        encoded.emplace(render_qr(credential, 1));
        if (!*encoded) return encoded->error();
        symbol = &encoded->value();
    }
    const int n = symbol->modules;
    const int side = symbol->image.width; // n + 2 quiet zones, one pixel per module
    double module = box.w / (n + 2 * kQuietModules);
    double x0 = box.x + (box.w - n * module) / 2;
    double y0 = box.y + (box.h - n * module) / 2;
    if (target.pixels_per_mm > 0) {
        // Whole pixels per module on a bitmap: every module the same size, no anti-aliased seams.
        const double ppm = target.pixels_per_mm;
        const double pixels = std::floor(module * ppm);
        if (pixels >= 1) module = pixels / ppm;
        x0 = std::round((box.x + (box.w - n * module) / 2) * ppm) / ppm;
        y0 = std::round((box.y + (box.h - n * module) / 2) * ppm) / ppm;
    }
    cairo_save(cr);
    cairo_rectangle(cr, box.x, box.y, box.w, box.h);
    cairo_set_source_rgb(cr, 1, 1, 1);
    cairo_fill(cr);
    if (target.pixels_per_mm <= 0) {
        // PDF: the symbol as a one-pixel-per-module image drawn without interpolation (PDF
        // /Interpolate false), which prints exactly as sharp as rectangles would and costs a few
        // hundred bytes instead of a path of a thousand rectangles: printing 10 000 badges is
        // dominated by writing and compressing such paths otherwise.
        cairo_surface_t* image = cairo_image_surface_create(CAIRO_FORMAT_RGB24, n, n);
        cairo_surface_flush(image);
        unsigned char* data = cairo_image_surface_get_data(image);
        const int stride = cairo_image_surface_get_stride(image);
        for (int y = 0; y < n; ++y) {
            auto* row = reinterpret_cast<std::uint32_t*>(data + static_cast<std::ptrdiff_t>(y) * stride);
            for (int x = 0; x < n; ++x) {
                const auto at = static_cast<std::size_t>(y + kQuietModules) * side + x + kQuietModules;
                row[x] = symbol->image.pixels[at] == 0 ? 0x000000u : 0xFFFFFFu;
            }
        }
        cairo_surface_mark_dirty(image);
        cairo_translate(cr, x0, y0);
        cairo_scale(cr, module, module);
        cairo_set_source_surface(cr, image, 0, 0);
        cairo_pattern_set_filter(cairo_get_source(cr), CAIRO_FILTER_NEAREST);
        cairo_rectangle(cr, 0, 0, n, n);
        cairo_fill(cr);
        cairo_surface_destroy(image);
        cairo_restore(cr);
        return success();
    }
    const auto dark = [&](int x, int y) {
        const auto at = static_cast<std::size_t>(y + kQuietModules) * side + x + kQuietModules;
        return symbol->image.pixels[at] == 0;
    };
    for (int y = 0; y < n; ++y) {
        for (int x = 0; x < n;) {
            if (!dark(x, y)) {
                ++x;
                continue;
            }
            int end = x;
            while (end < n && dark(end, y))
                ++end;
            cairo_rectangle(cr, x0 + x * module, y0 + y * module, (end - x) * module, module);
            x = end;
        }
    }
    // One fill for all modules: adjacent rectangles in one path leave no hairline gaps.
    cairo_set_source_rgb(cr, 0, 0, 0);
    cairo_fill(cr);
    cairo_restore(cr);
    return success();
}

// The name and the delegation under it as one block, so a one-line name leaves no gap between.
void draw_identity(cairo_t* cr, const Layout& l, const BadgeContent& badge) {
    constexpr double kGap = 0.15; // of the delegation's size
    constexpr double kDelegationToName = 0.75;
    const IdentityLayout& block = l.identity;
    TextStyle name{.max_size = block.name_size, .max_lines = block.name_lines, .bold = true};
    name.align = block.align;
    name.valign = VAlign::top;
    name.colour = kInk;
    TextStyle delegation{.max_size = block.delegation_size, .max_lines = 2, .align = block.align};
    delegation.valign = VAlign::top;
    delegation.colour = kInk;

    const Box& r = block.box;
    const FittedText name_fit =
        measure_text(cr, badge.name, {r.x, r.y, r.w, block.name_height}, name);
    // The delegation never outgrows a long name shrunk to fit: the name stays the first thing read.
    delegation.max_size = std::min(block.delegation_size, kDelegationToName * name_fit.size);
    const double name_h = name_fit.height();
    const double delegation_h =
        measure_text(cr, badge.delegation, {r.x, r.y, r.w, block.delegation_height}, delegation)
            .height();
    const double gap = delegation_h > 0 ? kGap * block.delegation_size : 0;
    double top = r.y;
    if (block.valign == VAlign::middle) top += (r.h - name_h - gap - delegation_h) / 2;
    draw_text(cr, badge.name, {r.x, top, r.w, block.name_height}, name);
    draw_text(cr, badge.delegation, {r.x, top + name_h + gap, r.w, block.delegation_height},
              delegation);
}

std::string id_line(const BadgeContent& badge) {
    if (badge.issue <= 1) return badge.holder_id;
    return badge.holder_id + "  \u00B7  issue " + std::to_string(badge.issue);
}

// The event's name, with the logo on its left when there is one: the name then keeps clear of
// the logo's width on both sides, so that it stays centred on the badge.
void draw_event(cairo_t* cr, const Layout& l, const BadgeContent& badge, const Target& target) {
    TextStyle small{.max_size = l.event.size, .max_lines = l.event.lines, .colour = kSecondaryInk};
    Box box = l.event.box;
    if (target.logo != nullptr) {
        draw_image_fitted(cr, target.logo, l.logo);
        const double clear = l.logo.x + l.logo.w + kLogoGap - box.x;
        box.x += clear;
        box.w -= 2 * clear;
    }
    draw_text(cr, badge.event_name, box, small);
}

// The zone codes: a granted zone's box is filled and carries its mark in white; any other is an
// empty outline crossed out, so that a guard sees at a glance which boxes count.
void draw_zones(cairo_t* cr, BadgeFormat format, const BadgeContent& badge) {
    const std::vector<Box> boxes = zone_boxes(format, badge.zones.size());
    cairo_save(cr);
    cairo_set_line_width(cr, kZoneLineWidth);
    const double inset = kZoneLineWidth / 2;
    for (std::size_t i = 0; i < boxes.size(); ++i) {
        const Box& b = boxes[i];
        const Box inner{b.x + inset, b.y + inset, b.w - 2 * inset, b.h - 2 * inset};
        cairo_rectangle(cr, inner.x, inner.y, inner.w, inner.h);
        if (badge.zones[i].granted) {
            cairo_set_source_rgb(cr, kInk.r, kInk.g, kInk.b);
            cairo_fill(cr);
            TextStyle mark{.max_size = 0.62 * b.h, .bold = true, .colour = Rgb{1, 1, 1}};
            const double pad = 0.12 * b.w;
            draw_text(cr, badge.zones[i].mark, {b.x + pad, b.y + pad, b.w - 2 * pad, b.h - 2 * pad},
                      mark);
            continue;
        }
        cairo_set_source_rgb(cr, kCrossed.r, kCrossed.g, kCrossed.b);
        cairo_move_to(cr, inner.x, inner.y);
        cairo_line_to(cr, inner.x + inner.w, inner.y + inner.h);
        cairo_move_to(cr, inner.x + inner.w, inner.y);
        cairo_line_to(cr, inner.x, inner.y + inner.h);
        cairo_stroke(cr);
        cairo_rectangle(cr, inner.x, inner.y, inner.w, inner.h);
        cairo_set_source_rgb(cr, kSecondaryInk.r, kSecondaryInk.g, kSecondaryInk.b);
        cairo_stroke(cr);
    }
    cairo_restore(cr);
}

// A white badge clipped to its edges: nothing drawn for it reaches a neighbour on a sheet.
void start_badge(cairo_t* cr, const Layout& l) {
    cairo_save(cr);
    cairo_rectangle(cr, 0, 0, l.size.width_mm, l.size.height_mm);
    cairo_clip(cr);
    cairo_set_source_rgb(cr, 1, 1, 1);
    cairo_paint(cr);
}

} // namespace

std::optional<Rgb> parse_colour(const std::string& text) {
    if (text.size() != 7 || text[0] != '#') return std::nullopt;
    double channel[3];
    for (int i = 0; i < 3; ++i) {
        int value = 0;
        for (int k = 0; k < 2; ++k) {
            const char c = text[static_cast<std::size_t>(1 + 2 * i + k)];
            int digit = 0;
            if (c >= '0' && c <= '9')
                digit = c - '0';
            else if (c >= 'a' && c <= 'f')
                digit = c - 'a' + 10;
            else if (c >= 'A' && c <= 'F')
                digit = c - 'A' + 10;
            else
                return std::nullopt;
            value = value * 16 + digit;
        }
        channel[i] = value / 255.0;
    }
    return Rgb{channel[0], channel[1], channel[2]};
}

Status draw_badge(cairo_t* cr, const BadgeContent& badge, BadgeFormat format,
                  const Target& target) {
    const Layout& l = layout_for(format);
    start_badge(cr, l);
    draw_event(cr, l, badge, target);
    draw_band(cr, l, badge);
    draw_identity(cr, l, badge);
    if (!badge.escort_of.empty()) {
        TextStyle escort{.max_size = l.escort.size,
                         .max_lines = l.escort.lines,
                         .bold = true,
                         .align = l.identity.align,
                         .colour = kInk};
        escort.valign = VAlign::top;
        draw_text(cr, "Escort of: " + badge.escort_of, l.escort.box, escort);
    }
    draw_zones(cr, format, badge);

    TextStyle days{.max_size = l.days.size,
                   .max_lines = l.days.lines,
                   .bold = true,
                   .align = l.identity.align,
                   .colour = kInk};
    days.valign = VAlign::top;
    draw_text(cr, badge.days, l.days.box, days);
    TextStyle id{.max_size = l.id.size,
                 .max_lines = l.id.lines,
                 .align = l.identity.align,
                 .colour = kSecondaryInk};
    draw_text(cr, id_line(badge), l.id.box, id);

    draw_photo(cr, badge.photo_png, l.photo, target.pixels_per_mm);
    Status qr = draw_qr(cr, badge.credential, l.qr, target);
    cairo_restore(cr);
    return qr;
}

Status draw_badge_back(cairo_t* cr, const BadgeContent& badge, BadgeFormat format,
                       const Target& target) {
    const Layout& l = layout_for(format);
    const BackLayout& back = l.back;
    start_badge(cr, l);
    TextStyle event{
        .max_size = back.event.size, .max_lines = back.event.lines, .colour = kSecondaryInk};
    draw_text(cr, badge.event_name, back.event.box, event);
    TextStyle name{
        .max_size = back.name.size, .max_lines = back.name.lines, .bold = true, .colour = kInk};
    draw_text(cr, badge.name, back.name.box, name);
    TextStyle id{.max_size = back.id.size, .colour = kSecondaryInk};
    draw_text(cr, id_line(badge), back.id.box, id);
    Status qr = draw_qr(cr, badge.credential, back.qr, target);
    cairo_restore(cr);
    return qr;
}

} // namespace accred::badge
