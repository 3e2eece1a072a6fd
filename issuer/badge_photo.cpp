#include "badge_photo.h"

#include "crypto/hex.h"
#include "scan/grey_image.h"

#include <algorithm>
#include <climits>
#include <cmath>
#include <cstdint>
#include <cstdlib>
#include <cstring>
#include <sodium.h>
#include <memory>
#include <stb_image.h>
#include <string_view>

namespace accred::badge {
namespace {

// Badge printers resolve about 300 dpi; more photo pixels than that only make the PDF larger.
constexpr double kPrintPixelsPerMm = 300.0 / 25.4;
// A source this much larger than needed is resampled once, with a good filter, before embedding.
constexpr double kResampleAbove = 1.5;
constexpr Rgb kFrameFill{0.90, 0.90, 0.90};
constexpr Rgb kFrameLine{0.55, 0.55, 0.55};
constexpr Rgb kPlaceholderText{0.35, 0.35, 0.35};
constexpr double kFrameLineWidth = 0.25; // mm

struct SurfaceDeleter {
    void operator()(cairo_surface_t* s) const { cairo_surface_destroy(s); }
};
using SurfacePtr = std::unique_ptr<cairo_surface_t, SurfaceDeleter>;

struct StbDeleter {
    void operator()(stbi_uc* p) const { stbi_image_free(p); }
};

// Only PNG and JPEG are accepted: stb_image reads other formats too, which a desk never needs.
bool png_or_jpeg(std::string_view bytes) {
    return bytes.starts_with("\x89PNG\r\n\x1a\n") || bytes.starts_with("\xFF\xD8\xFF");
}

// The image's pixels as RGBA, after its declared size was checked against max_side (so a small
// file cannot make us allocate a huge bitmap); problem says why there are none.
struct Decoded {
    std::unique_ptr<stbi_uc, StbDeleter> rgba;
    int w = 0, h = 0;
    std::string problem;
};

Decoded decode_rgba(const std::string& bytes, int max_side) {
    Decoded d;
    if (!png_or_jpeg(bytes)) return {nullptr, 0, 0, "is not a PNG or JPEG image"};
    if (bytes.size() > static_cast<std::size_t>(INT_MAX)) return {nullptr, 0, 0, "is too large"};
    const auto* data = reinterpret_cast<const stbi_uc*>(bytes.data());
    const int len = static_cast<int>(bytes.size());
    int channels = 0;
    if (stbi_info_from_memory(data, len, &d.w, &d.h, &channels) == 0)
        return {nullptr, 0, 0, "cannot be decoded (a damaged or unsupported image)"};
    if (d.w <= 0 || d.h <= 0 || d.w > max_side || d.h > max_side)
        return {nullptr, 0, 0,
                "is " + std::to_string(d.w) + "x" + std::to_string(d.h) + " pixels, more than " +
                    std::to_string(max_side) + " a side"};
    d.rgba.reset(stbi_load_from_memory(data, len, &d.w, &d.h, &channels, 4));
    if (!d.rgba) d.problem = "cannot be decoded (a damaged or unsupported image)";
    return d;
}

SurfacePtr decode(const std::string& bytes) {
    const Decoded decoded = decode_rgba(bytes, kMaxImageSide);
    if (!decoded.rgba) return nullptr;
    const int w = decoded.w, h = decoded.h;
    const stbi_uc* pixels = decoded.rgba.get();
    SurfacePtr surface(cairo_image_surface_create(CAIRO_FORMAT_ARGB32, w, h));
    if (cairo_surface_status(surface.get()) != CAIRO_STATUS_SUCCESS) return nullptr;
    cairo_surface_flush(surface.get());
    unsigned char* out = cairo_image_surface_get_data(surface.get());
    const int stride = cairo_image_surface_get_stride(surface.get());
    for (int y = 0; y < h; ++y) {
        auto* row = reinterpret_cast<std::uint32_t*>(out + static_cast<std::ptrdiff_t>(y) * stride);
        const stbi_uc* src = pixels + static_cast<std::ptrdiff_t>(y) * w * 4;
        for (int x = 0; x < w; ++x, src += 4) {
            // cairo wants native-endian ARGB with premultiplied alpha.
            const std::uint32_t a = src[3];
            const auto pre = [a](std::uint32_t c) { return (c * a + 127) / 255; };
            row[x] = (a << 24) | (pre(src[0]) << 16) | (pre(src[1]) << 8) | pre(src[2]);
        }
    }
    cairo_surface_mark_dirty(surface.get());
    return surface;
}

// A copy of src resampled to w x h pixels.
SurfacePtr resampled(cairo_surface_t* src, int w, int h) {
    SurfacePtr dst(cairo_image_surface_create(CAIRO_FORMAT_ARGB32, w, h));
    cairo_t* cr = cairo_create(dst.get());
    cairo_scale(cr, static_cast<double>(w) / cairo_image_surface_get_width(src),
                static_cast<double>(h) / cairo_image_surface_get_height(src));
    cairo_set_source_surface(cr, src, 0, 0);
    cairo_pattern_set_filter(cairo_get_source(cr), CAIRO_FILTER_BEST);
    cairo_paint(cr);
    const bool ok = cairo_status(cr) == CAIRO_STATUS_SUCCESS;
    cairo_destroy(cr);
    return ok ? std::move(dst) : nullptr;
}

void attach_jpeg(cairo_surface_t* surface, const std::string& bytes) {
    auto* copy = static_cast<unsigned char*>(std::malloc(bytes.size()));
    if (copy == nullptr) return;
    std::memcpy(copy, bytes.data(), bytes.size());
    if (cairo_surface_set_mime_data(surface, CAIRO_MIME_TYPE_JPEG, copy, bytes.size(), std::free,
                                    copy) != CAIRO_STATUS_SUCCESS) {
        std::free(copy);
        return;
    }
    unsigned char digest[16];
    crypto_generichash(digest, sizeof digest, reinterpret_cast<const unsigned char*>(bytes.data()),
                       bytes.size(), nullptr, 0);
    const std::string id = hex_encode(digest);
    auto* id_copy = static_cast<unsigned char*>(std::malloc(id.size()));
    if (id_copy == nullptr) return;
    std::memcpy(id_copy, id.data(), id.size());
    if (cairo_surface_set_mime_data(surface, CAIRO_MIME_TYPE_UNIQUE_ID, id_copy, id.size(),
                                    std::free, id_copy) != CAIRO_STATUS_SUCCESS)
        std::free(id_copy);
}

void draw_placeholder(cairo_t* cr, const Box& frame) {
    TextStyle style;
    style.max_size = frame.w / 7;
    style.colour = kPlaceholderText;
    draw_text(cr, "no photo", frame, style);
}

} // namespace

std::optional<std::string> image_problem(const std::string& bytes, int max_side) {
    Decoded decoded = decode_rgba(bytes, max_side);
    if (decoded.rgba) return std::nullopt;
    return decoded.problem;
}

cairo_surface_t* decode_image(const std::string& bytes) {
    return decode(bytes).release();
}

void draw_image_fitted(cairo_t* cr, cairo_surface_t* image, const Box& box) {
    const int w = cairo_image_surface_get_width(image);
    const int h = cairo_image_surface_get_height(image);
    if (w <= 0 || h <= 0) return;
    const double s = std::min(box.w / w, box.h / h);
    cairo_save(cr);
    cairo_rectangle(cr, box.x, box.y, box.w, box.h);
    cairo_clip(cr);
    cairo_translate(cr, box.x + (box.w - w * s) / 2, box.y + (box.h - h * s) / 2);
    cairo_scale(cr, s, s);
    cairo_set_source_surface(cr, image, 0, 0);
    cairo_pattern_set_filter(cairo_get_source(cr), CAIRO_FILTER_GOOD);
    cairo_paint(cr);
    cairo_restore(cr);
}

void draw_photo(cairo_t* cr, const std::string& bytes, const Box& frame, double pixels_per_mm) {
    cairo_save(cr);
    cairo_rectangle(cr, frame.x, frame.y, frame.w, frame.h);
    cairo_set_source_rgb(cr, kFrameFill.r, kFrameFill.g, kFrameFill.b);
    cairo_fill(cr);

    SurfacePtr photo = decode(bytes);
    if (!photo) {
        draw_placeholder(cr, frame);
    } else {
        int w = cairo_image_surface_get_width(photo.get());
        int h = cairo_image_surface_get_height(photo.get());
        const double scale = std::min(frame.w / w, frame.h / h); // mm per source pixel
        const double needed_ppm = pixels_per_mm > 0 ? pixels_per_mm : kPrintPixelsPerMm;
        if (1.0 / scale > needed_ppm * kResampleAbove) {
            const int nw = std::max(1, static_cast<int>(std::lround(w * scale * needed_ppm)));
            const int nh = std::max(1, static_cast<int>(std::lround(h * scale * needed_ppm)));
            if (SurfacePtr smaller = resampled(photo.get(), nw, nh)) {
                photo = std::move(smaller);
                w = nw;
                h = nh;
            }
        }
        // A JPEG used as it is goes into the PDF as it is: no recompression of its pixels, which
        // is most of the time of printing thousands of badges, and the same photo is embedded
        // once however often it appears (keyed by its BLAKE2b digest).
        if (bytes.starts_with("\xFF\xD8\xFF") && w == cairo_image_surface_get_width(photo.get()))
            attach_jpeg(photo.get(), bytes);
        draw_image_fitted(cr, photo.get(), frame);
    }
    // The frame line is drawn inside the frame so that it never reaches a neighbour.
    const double inset = kFrameLineWidth / 2;
    cairo_rectangle(cr, frame.x + inset, frame.y + inset, frame.w - 2 * inset, frame.h - 2 * inset);
    cairo_set_line_width(cr, kFrameLineWidth);
    cairo_set_source_rgb(cr, kFrameLine.r, kFrameLine.g, kFrameLine.b);
    cairo_stroke(cr);
    cairo_restore(cr);
}

} // namespace accred::badge
