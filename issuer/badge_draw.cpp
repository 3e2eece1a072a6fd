#include "badge_draw.h"

#include "badge_photo.h"
#include "issuer/qr_writer.h"

#include <algorithm>
#include <cmath>
#include <optional>
#include <numbers>

namespace accred::badge {
namespace {

// ISO/IEC 18004: 4 light modules around the symbol; the QR box below includes them.
constexpr int kQuietModules = 4;
constexpr Rgb kInk{0.10, 0.10, 0.10};
constexpr Rgb kSecondaryInk{0.33, 0.33, 0.33};
constexpr double kOutlineBelowContrast = 1.5;
constexpr double kBandOutlineWidth = 0.25; // mm

// Where everything goes on one badge, in millimetres from its top-left corner, by region. The two
// formats share one design; CR80 puts the name beside the photo because it is narrow.
struct TextLine {
    Box box;
    double size; // font size
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
struct Layout {
    BadgeSize size;
    TextLine event;
    BandLayout band;
    IdentityLayout identity;
    TextLine days;
    TextLine id;
    Box photo;
    Box qr; // square, quiet zone included
};

constexpr Layout kA6{
    .size = {105, 148},
    .event = {.box = {6, 4.5, 93, 9}, .size = 3.0},
    .band = {.box = {5, 15, 95, 22}, .radius = 2.5, .padding = 4, .category_size = 9.5},
    .identity = {.box = {6, 38.5, 93, 33}, .valign = VAlign::middle, .align = Align::centre,
                 .name_height = 20, .name_size = 8.5, .name_lines = 2,
                 .delegation_height = 10, .delegation_size = 4.5},
    .days = {.box = {6, 129.5, 93, 6}, .size = 4.2},
    .id = {.box = {6, 137, 93, 5}, .size = 3.0},
    .photo = {6, 75.5, 37, 46.25},
    .qr = {44, 71, 56, 56},
};

constexpr Layout kCr80{
    .size = {54, 85.6},
    .event = {.box = {3, 2.2, 48, 4.2}, .size = 1.9},
    .band = {.box = {2.5, 7, 49, 10.5}, .radius = 1.5, .padding = 2, .category_size = 4.5},
    .identity = {.box = {20.5, 19.5, 30.5, 13.6}, .valign = VAlign::top, .align = Align::left,
                 .name_height = 9.2, .name_size = 4.0, .name_lines = 3,
                 .delegation_height = 4.1, .delegation_size = 2.1},
    .days = {.box = {20.5, 33.6, 30.5, 2.5}, .size = 2.0},
    .id = {.box = {20.5, 36.2, 30.5, 2.2}, .size = 1.8},
    .photo = {3, 19.5, 15, 18.75},
    .qr = {5, 40.6, 44, 44},
};

const Layout& layout_for(BadgeFormat format) {
    return format == BadgeFormat::cr80 ? kCr80 : kA6;
}

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

} // namespace

BadgeSize badge_size(BadgeFormat format) {
    return layout_for(format).size;
}

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

Box qr_area(BadgeFormat format) {
    return layout_for(format).qr;
}

double qr_module_mm(BadgeFormat format, int modules) {
    return layout_for(format).qr.w / (modules + 2 * kQuietModules);
}

Status draw_badge(cairo_t* cr, const BadgeContent& badge, BadgeFormat format,
                  const Target& target) {
    const Layout& l = layout_for(format);
    cairo_save(cr);
    cairo_rectangle(cr, 0, 0, l.size.width_mm, l.size.height_mm);
    cairo_clip(cr);
    cairo_set_source_rgb(cr, 1, 1, 1);
    cairo_paint(cr);

    TextStyle small{.max_size = l.event.size, .max_lines = 2, .colour = kSecondaryInk};
    draw_text(cr, badge.event_name, l.event.box, small);
    draw_band(cr, l, badge);

    draw_identity(cr, l, badge);

    TextStyle days{
        .max_size = l.days.size, .bold = true, .align = l.identity.align, .colour = kInk};
    draw_text(cr, badge.days, l.days.box, days);
    TextStyle id{.max_size = l.id.size, .align = l.identity.align, .colour = kSecondaryInk};
    draw_text(cr, id_line(badge), l.id.box, id);

    draw_photo(cr, badge.photo_png, l.photo, target.pixels_per_mm);
    Status qr = draw_qr(cr, badge.credential, l.qr, target);
    cairo_restore(cr);
    return qr;
}

} // namespace accred::badge
