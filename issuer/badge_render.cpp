// Badges to files: pages and A4 sheets of badges as one PDF, or one PNG per badge.
#include "badge_draw.h"
#include "badge_layout.h"
#include "badge_photo.h"
#include "crypto/file_io.h"
#include "qr_pipeline.h"

#include <algorithm>
#include <cairo-pdf.h>
#include <cairo.h>
#include <cctype>
#include <cerrno>
#include <cmath>
#include <cstring>
#include <exception>
#include <fcntl.h>
#include <memory>
#include <set>
#include <string>
#include <sys/stat.h>
#include <unistd.h>
#include <vector>

namespace accred {
namespace {

using badge::BadgeSize;
using badge::PageGeometry;
using badge::Side;

constexpr double kPointsPerMm = 72.0 / 25.4;
// Cut marks: hairlines continuing each badge edge outwards, starting a little off the corner so
// that a slightly misplaced cut never leaves a mark on the badge.
constexpr double kCutMarkWidth = 0.1; // mm
constexpr double kCutMarkGap = 1.0;
constexpr double kCutMarkLength = 4.0;
constexpr int kMinDpi = 72;
constexpr int kMaxDpi = 1200;

struct CairoDeleter {
    void operator()(cairo_t* cr) const { cairo_destroy(cr); }
    void operator()(cairo_surface_t* s) const { cairo_surface_destroy(s); }
};
using ContextPtr = std::unique_ptr<cairo_t, CairoDeleter>;
using SurfacePtr = std::unique_ptr<cairo_surface_t, CairoDeleter>;

// Text metrics independent of the output resolution, so PNG and PDF lay out identically.
void set_font_options(cairo_t* cr) {
    cairo_font_options_t* fo = cairo_font_options_create();
    cairo_font_options_set_hint_metrics(fo, CAIRO_HINT_METRICS_OFF);
    cairo_font_options_set_hint_style(fo, CAIRO_HINT_STYLE_NONE);
    cairo_set_font_options(cr, fo);
    cairo_font_options_destroy(fo);
}

void draw_cut_marks(cairo_t* cr, const PageGeometry& g, const BadgeSize& b, std::size_t count,
                    Side side) {
    cairo_save(cr);
    cairo_set_source_rgb(cr, 0, 0, 0);
    cairo_set_line_width(cr, kCutMarkWidth);
    for (std::size_t i = 0; i < count; ++i) {
        const badge::Point origin = badge::badge_origin(g, i, side);
        const double x0 = origin.x, y0 = origin.y;
        for (const double x : {x0, x0 + b.width_mm})
            for (const double y : {y0, y0 + b.height_mm}) {
                const double out_x = x == x0 ? -1 : 1, out_y = y == y0 ? -1 : 1;
                cairo_move_to(cr, x + out_x * kCutMarkGap, y);
                cairo_line_to(cr, x + out_x * (kCutMarkGap + kCutMarkLength), y);
                cairo_move_to(cr, x, y + out_y * kCutMarkGap);
                cairo_line_to(cr, x, y + out_y * (kCutMarkGap + kCutMarkLength));
            }
    }
    cairo_stroke(cr);
    cairo_restore(cr);
}

std::string describe(const BadgeContent& b, std::size_t index) {
    return "badge " + std::to_string(index + 1) + " (" + b.holder_id + ")";
}

// A holder id becomes a file name: it must not reach outside the directory or hide the file.
bool safe_file_stem(const std::string& id) {
    if (id.empty() || id.size() > 64 || id[0] == '.') return false;
    for (const char c : id)
        if (!std::isalnum(static_cast<unsigned char>(c)) && c != '-' && c != '_' && c != '.')
            return false;
    return true;
}

// Everything checkable is checked before a file is created, so a bad badge leaves nothing behind.
Status validate(const std::vector<BadgeContent>& badges, bool file_names) {
    if (badges.empty()) return Error{"no badges to render"};
    std::set<std::string> ids;
    for (std::size_t i = 0; i < badges.size(); ++i) {
        const BadgeContent& b = badges[i];
        if (!badge::parse_colour(b.colour))
            return Error{describe(b, i) + ": colour \"" + b.colour + "\" is not #RRGGBB"};
        // Colour is never the only signal of the category: its name is always printed.
        if (b.category_name.empty()) return Error{describe(b, i) + " has no category name"};
        if (b.credential.empty()) return Error{describe(b, i) + " has no credential"};
        if (file_names && !safe_file_stem(b.holder_id))
            return Error{describe(b, i) + ": the holder id cannot be used as a file name"};
        if (file_names && !ids.insert(b.holder_id).second)
            return Error{describe(b, i) + ": the holder id appears twice"};
    }
    return success();
}

struct FdSink {
    int fd = -1;
    int error = 0;
};

cairo_status_t write_to_fd(void* closure, const unsigned char* data, unsigned int length) {
    auto* sink = static_cast<FdSink*>(closure);
    while (length > 0) {
        const ssize_t n = ::write(sink->fd, data, length);
        if (n < 0 && errno == EINTR) continue;
        if (n <= 0) {
            sink->error = n < 0 ? errno : EIO;
            return CAIRO_STATUS_WRITE_ERROR;
        }
        data += n;
        length -= static_cast<unsigned int>(n);
    }
    return CAIRO_STATUS_SUCCESS;
}

// Called from inside cairo (C): an exception must not unwind through it.
cairo_status_t append_to_string(void* closure, const unsigned char* data, unsigned int length) {
    try {
        static_cast<std::string*>(closure)->append(reinterpret_cast<const char*>(data), length);
    } catch (const std::exception&) {
        return CAIRO_STATUS_NO_MEMORY;
    }
    return CAIRO_STATUS_SUCCESS;
}

// Draws the badges as a PDF into write(closure, ...): a file (write_to_fd) or memory
// (append_to_string). A failure of write itself surfaces here as cairo's write error; the
// caller, which knows its sink, may say more.
// The event's logo decoded once for every badge (and embedded once in a PDF); none when there
// is no logo or it cannot be decoded (the desk checked it when it was stored).
struct Logo {
    explicit Logo(const std::string& bytes)
        : surface(bytes.empty() ? nullptr : badge::decode_image(bytes)) {}
    SurfacePtr surface;
};

// Draws one page: the badges first..first+count-1 on their side, at their slots.
Status draw_page(cairo_t* cr, const std::vector<BadgeContent>& badges, std::size_t first,
                 std::size_t count, const BadgeRenderOptions& options, QrPipeline& symbols,
                 cairo_surface_t* logo, Side side) {
    const PageGeometry g = badge::page_geometry(options);
    for (std::size_t slot = 0; slot < count; ++slot) {
        const badge::Point origin = badge::badge_origin(g, slot, side);
        cairo_save(cr);
        cairo_translate(cr, origin.x, origin.y);
        const Outcome<QrSymbol>& symbol = symbols.get(first + slot);
        const badge::Target target{0, symbol ? &symbol.value() : nullptr, logo};
        Status drawn =
            !symbol ? Status(symbol.error())
            : side == Side::front
                ? badge::draw_badge(cr, badges[first + slot], options.format, target)
                : badge::draw_badge_back(cr, badges[first + slot], options.format, target);
        cairo_restore(cr);
        if (!drawn)
            return Error{describe(badges[first + slot], first + slot) + ": " +
                         drawn.error().message};
        if (side == Side::front && options.progress)
            options.progress(first + slot + 1, badges.size());
    }
    if (options.a4_sheets) draw_cut_marks(cr, g, badge::badge_size(options.format), count, side);
    cairo_show_page(cr);
    return success();
}

// Draws the badges as a PDF into write(closure, ...): a file (write_to_fd) or memory
// (append_to_string). A failure of write itself surfaces here as cairo's write error; the
// caller, which knows its sink, may say more. Duplex: each page of fronts, then its backs.
Status write_pdf(cairo_write_func_t write, void* closure, const std::vector<BadgeContent>& badges,
                 const BadgeRenderOptions& options) {
    const PageGeometry g = badge::page_geometry(options);
    SurfacePtr surface(cairo_pdf_surface_create_for_stream(
        write, closure, g.page.width_mm * kPointsPerMm, g.page.height_mm * kPointsPerMm));
    cairo_pdf_surface_set_metadata(surface.get(), CAIRO_PDF_METADATA_TITLE, "Badges");
    cairo_pdf_surface_set_metadata(surface.get(), CAIRO_PDF_METADATA_CREATOR, "accred issuer");
    ContextPtr cr(cairo_create(surface.get()));
    set_font_options(cr.get());
    cairo_scale(cr.get(), kPointsPerMm, kPointsPerMm);

    std::vector<std::string> texts;
    for (const auto& b : badges) texts.push_back(b.credential);
    QrPipeline symbols(std::move(texts));
    const Logo logo(options.logo);
    const auto per_page = static_cast<std::size_t>(g.columns * g.rows);
    for (std::size_t first = 0; first < badges.size(); first += per_page) {
        const std::size_t on_page = std::min(per_page, badges.size() - first);
        for (const Side side : {Side::front, Side::back}) {
            if (side == Side::back && !options.duplex) continue;
            if (Status s = draw_page(cr.get(), badges, first, on_page, options, symbols,
                                     logo.surface.get(), side);
                !s)
                return s;
        }
        if (cairo_status(cr.get()) != CAIRO_STATUS_SUCCESS) break;
    }
    const cairo_status_t drawing = cairo_status(cr.get());
    cr.reset();
    cairo_surface_finish(surface.get());
    const cairo_status_t status =
        drawing != CAIRO_STATUS_SUCCESS ? drawing : cairo_surface_status(surface.get());
    if (status != CAIRO_STATUS_SUCCESS) return Error{cairo_status_to_string(status)};
    return success();
}

// One side of one badge as a PNG file at path.
Status write_png(const BadgeContent& badge, std::size_t index, const std::string& path, int dpi,
                 const BadgeRenderOptions& options, cairo_surface_t* logo, Side side) {
    const BadgeSize size = badge::badge_size(options.format);
    const double ppm = dpi / 25.4;
    const int width = static_cast<int>(std::lround(size.width_mm * ppm));
    const int height = static_cast<int>(std::lround(size.height_mm * ppm));
    SurfacePtr surface(cairo_image_surface_create(CAIRO_FORMAT_RGB24, width, height));
    ContextPtr cr(cairo_create(surface.get()));
    set_font_options(cr.get());
    cairo_scale(cr.get(), ppm, ppm);
    const badge::Target target{ppm, nullptr, logo};
    Status drawn = side == Side::front
                       ? badge::draw_badge(cr.get(), badge, options.format, target)
                       : badge::draw_badge_back(cr.get(), badge, options.format, target);
    if (!drawn) return Error{describe(badge, index) + ": " + drawn.error().message};
    if (cairo_status(cr.get()) != CAIRO_STATUS_SUCCESS)
        return Error{describe(badge, index) + ": " +
                     cairo_status_to_string(cairo_status(cr.get()))};
    std::string png;
    if (cairo_surface_write_to_png_stream(surface.get(), append_to_string, &png) !=
        CAIRO_STATUS_SUCCESS)
        return Error{describe(badge, index) + ": cannot encode the PNG"};
    return write_new_file(path, as_bytes(png), 0644);
}

// The PNG files a badge becomes: its front, and its back when duplex.
std::vector<std::pair<std::string, Side>> png_files(const BadgeContent& b, const std::string& dir,
                                                    const BadgeRenderOptions& options) {
    std::vector<std::pair<std::string, Side>> files{
        {dir + "/" + b.holder_id + ".png", Side::front}};
    if (options.duplex) files.emplace_back(dir + "/" + b.holder_id + "-back.png", Side::back);
    return files;
}

Status write_pngs(const std::vector<BadgeContent>& badges, const std::string& dir, int dpi,
                  const BadgeRenderOptions& options) {
    const Logo logo(options.logo);
    for (std::size_t i = 0; i < badges.size(); ++i) {
        for (const auto& [path, side] : png_files(badges[i], dir, options))
            if (Status s = write_png(badges[i], i, path, dpi, options, logo.surface.get(), side);
                !s)
                return s;
        if (options.progress) options.progress(i + 1, badges.size());
    }
    return success();
}

} // namespace

std::size_t badges_per_sheet(BadgeFormat format) {
    BadgeRenderOptions sheets;
    sheets.format = format;
    sheets.a4_sheets = true;
    const PageGeometry g = badge::page_geometry(sheets);
    return static_cast<std::size_t>(g.columns * g.rows);
}

Status render_badges_pdf(const std::vector<BadgeContent>& badges, const std::string& pdf_path,
                         const BadgeRenderOptions& options) {
    if (Status valid = validate(badges, false); !valid) return valid;
    // O_EXCL: an existing file, or one planted meanwhile, is never overwritten; O_NOFOLLOW: nor
    // is a symlink followed.
    const int fd =
        ::open(pdf_path.c_str(), O_WRONLY | O_CREAT | O_EXCL | O_NOFOLLOW | O_CLOEXEC, 0644);
    if (fd < 0) return Error{"cannot create " + pdf_path + ": " + std::strerror(errno)};
    FdSink sink{fd};
    Status result = success();
    try {
        result = write_pdf(write_to_fd, &sink, badges, options);
    } catch (const std::exception& e) {
        result = Error{std::string("unexpected failure: ") + e.what()};
    }
    // The file's own error (a full disk...) says more than cairo's "error while writing".
    if (sink.error != 0) result = Error{std::strerror(sink.error)};
    if (result && ::fsync(fd) != 0) result = Error{std::strerror(errno)};
    if (::close(fd) != 0 && result) result = Error{std::strerror(errno)};
    if (result) return result;
    ::unlink(pdf_path.c_str()); // we created it: no half-written PDF is left for the printer
    return Error{"cannot write " + pdf_path + ": " + result.error().message};
}

Outcome<std::string> render_badges_pdf_bytes(const std::vector<BadgeContent>& badges,
                                             const BadgeRenderOptions& options) {
    if (Status valid = validate(badges, false); !valid) return valid.error();
    std::string pdf;
    Status result = success();
    try {
        result = write_pdf(append_to_string, &pdf, badges, options);
    } catch (const std::exception& e) {
        result = Error{std::string("unexpected failure: ") + e.what()};
    }
    if (!result) return Error{"cannot render the badges: " + result.error().message};
    return pdf;
}

Status render_badges_png(const std::vector<BadgeContent>& badges, const std::string& dir, int dpi,
                         const BadgeRenderOptions& options) {
    if (dpi < kMinDpi || dpi > kMaxDpi)
        return Error{"the resolution must be " + std::to_string(kMinDpi) + "-" +
                     std::to_string(kMaxDpi) + " dpi"};
    if (Status valid = validate(badges, true); !valid) return valid;
    // Refuse before writing anything when a file is in the way; write_new_file still guards each.
    for (const BadgeContent& b : badges)
        for (const auto& file : png_files(b, dir, options)) {
            struct stat st {};
            if (::lstat(file.first.c_str(), &st) == 0) return file_exists_error(file.first);
        }
    try {
        return write_pngs(badges, dir, dpi, options);
    } catch (const std::exception& e) {
        return Error{std::string("cannot render the badges: ") + e.what()};
    }
}

} // namespace accred
