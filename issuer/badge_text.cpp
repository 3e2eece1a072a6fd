#include "badge_text.h"

#include <algorithm>
#include <cstdint>
#include <map>
#include <utility>

namespace accred::badge {
namespace {

// Measured at a fixed size and scaled: with hint metrics off, advances are linear in the size.
constexpr double kReferenceSize = 10.0;
// A little slack so rounding in a rasteriser never pushes a glyph past the box.
constexpr double kWidthSlack = 0.98;
// More lines must buy at least this much size over fewer lines, or fewer lines win.
constexpr double kMoreLinesGain = 1.1;
constexpr int kMaxLines = 3;
// Breaking inside a hyphenated name ("Kovačević-" / "Selimović") is used only when breaking at
// spaces alone would make the text much smaller than this fraction.
constexpr double kHyphenBreakGain = 0.7;

// Decodes one UTF-8 sequence at text[i]; returns its length, or 0 when it is invalid (overlong,
// surrogate, above U+10FFFF or truncated). code receives the code point.
std::size_t decode_utf8(std::string_view text, std::size_t i, std::uint32_t& code) {
    const auto byte = [&](std::size_t k) { return static_cast<std::uint8_t>(text[k]); };
    const std::uint8_t lead = byte(i);
    std::size_t len = 0;
    std::uint32_t min = 0;
    if (lead < 0x80) {
        code = lead;
        return 1;
    } else if ((lead & 0xE0) == 0xC0) {
        len = 2, min = 0x80, code = lead & 0x1Fu;
    } else if ((lead & 0xF0) == 0xE0) {
        len = 3, min = 0x800, code = lead & 0x0Fu;
    } else if ((lead & 0xF8) == 0xF0) {
        len = 4, min = 0x10000, code = lead & 0x07u;
    } else {
        return 0;
    }
    if (i + len > text.size()) return 0;
    for (std::size_t k = 1; k < len; ++k) {
        if ((byte(i + k) & 0xC0) != 0x80) return 0;
        code = (code << 6) | (byte(i + k) & 0x3Fu);
    }
    if (code < min || code > 0x10FFFF || (code >= 0xD800 && code <= 0xDFFF)) return 0;
    return len;
}

void select_font(cairo_t* cr, bool bold, double size) {
    cairo_select_font_face(cr, "DejaVu Sans", CAIRO_FONT_SLANT_NORMAL,
                           bold ? CAIRO_FONT_WEIGHT_BOLD : CAIRO_FONT_WEIGHT_NORMAL);
    cairo_set_font_size(cr, size);
}

// Where a line may end and the next begin: after a space (dropped) or after a hyphen (kept).
struct Break {
    std::size_t end;
    std::size_t next;
    bool hyphen;
};

// A word that is only a separator ("/", "&", a dash) stays at the end of its line: a line starting
// with "/ Minister" reads as a mistake.
bool separator_word(std::string_view word) {
    for (std::string_view sep : {"/", "&", "+", "-", "|", "\xE2\x80\x93", "\xE2\x80\x94"})
        if (word == sep) return true;
    return false;
}

std::vector<Break> break_points(const std::string& text) {
    std::vector<Break> points;
    for (std::size_t i = 1; i + 1 < text.size(); ++i) {
        if (text[i] == ' ' && text[i - 1] != ' ') {
            std::size_t next = i + 1;
            while (next < text.size() && text[next] == ' ')
                ++next;
            const std::size_t word_end = std::min(text.find(' ', next), text.size());
            if (next < text.size() && !separator_word({text.data() + next, word_end - next}))
                points.push_back({i, next, false});
        } else if (text[i] == '-' && text[i + 1] != ' ' && text[i - 1] != ' ') {
            points.push_back({i + 1, i + 1, true});
        }
    }
    return points;
}

// Line widths at the reference size, memoised by (begin, end).
class Measure {
  public:
    Measure(cairo_t* cr, const std::string& text) : cr_(cr), text_(text) {}
    double width(std::size_t begin, std::size_t end) {
        const auto key = std::make_pair(begin, end);
        if (auto it = cache_.find(key); it != cache_.end()) return it->second;
        const std::string line = text_.substr(begin, end - begin);
        cairo_text_extents_t ext{};
        cairo_text_extents(cr_, line.c_str(), &ext);
        // The ink may reach past the advance (a bold final glyph); take whichever is wider.
        const double w = std::max(ext.x_advance, ext.x_bearing + ext.width);
        cache_.emplace(key, w);
        return w;
    }

  private:
    cairo_t* cr_;
    const std::string& text_;
    std::map<std::pair<std::size_t, std::size_t>, double> cache_;
};

struct Split {
    std::vector<std::size_t> breaks; // indices into the break points, ascending
    double widest = 0;               // at the reference size
};

// The split of text into exactly `lines` lines whose widest line is narrowest.
Split best_split(Measure& m, const std::vector<Break>& points, std::size_t size, int lines) {
    Split best;
    best.widest = -1;
    std::vector<std::size_t> chosen;
    // Depth-first over ascending choices of lines - 1 break points (at most 3 lines, few points).
    auto search = [&](auto&& self, std::size_t first_point, std::size_t begin, double widest) {
        if (static_cast<int>(chosen.size()) == lines - 1) {
            const double w = std::max(widest, m.width(begin, size));
            if (best.widest < 0 || w < best.widest) best = {chosen, w};
            return;
        }
        for (std::size_t p = first_point; p < points.size(); ++p) {
            chosen.push_back(p);
            self(self, p + 1, points[p].next, std::max(widest, m.width(begin, points[p].end)));
            chosen.pop_back();
        }
    };
    search(search, 0, 0, 0.0);
    return best;
}

} // namespace

std::string printable_utf8(std::string_view text) {
    std::string out;
    out.reserve(text.size());
    for (std::size_t i = 0; i < text.size();) {
        std::uint32_t code = 0;
        const std::size_t len = decode_utf8(text, i, code);
        if (len == 0) {
            out += "\xEF\xBF\xBD"; // U+FFFD REPLACEMENT CHARACTER
            ++i;
            continue;
        }
        const bool control = code < 0x20 || (code >= 0x7F && code < 0xA0);
        if (control)
            out += ' ';
        else
            out.append(text.substr(i, len));
        i += len;
    }
    return out;
}

FittedText fit_text(cairo_t* cr, const std::string& text, const Box& box, const TextStyle& style) {
    select_font(cr, style.bold, kReferenceSize);
    cairo_font_extents_t fe{};
    cairo_font_extents(cr, &fe);
    const double line_per_em = (fe.ascent + fe.descent) / kReferenceSize;
    Measure measure(cr, text);

    // The best layout using only the given break points.
    const auto layout = [&](const std::vector<Break>& points) {
        const int max_lines = std::clamp(
            std::min(style.max_lines, static_cast<int>(points.size()) + 1), 1, kMaxLines);
        FittedText best;
        Split chosen;
        for (int lines = 1; lines <= max_lines; ++lines) {
            const Split split = best_split(measure, points, text.size(), lines);
            const double per_em = std::max(split.widest / kReferenceSize, 1e-6);
            const double size = std::min(
                {style.max_size, box.w * kWidthSlack / per_em, box.h / (lines * line_per_em)});
            if (lines == 1 || size > best.size * kMoreLinesGain) {
                best.size = size;
                chosen = split;
            }
        }
        std::size_t begin = 0;
        for (std::size_t p : chosen.breaks) {
            best.lines.push_back(text.substr(begin, points[p].end - begin));
            begin = points[p].next;
        }
        best.lines.push_back(text.substr(begin));
        return best;
    };
    const std::vector<Break> all = break_points(text);
    std::vector<Break> spaces;
    for (const Break& b : all)
        if (!b.hyphen) spaces.push_back(b);
    FittedText best = layout(spaces);
    if (spaces.size() != all.size()) {
        FittedText with_hyphens = layout(all);
        if (best.size < with_hyphens.size * kHyphenBreakGain) best = std::move(with_hyphens);
    }
    best.ascent = fe.ascent / kReferenceSize * best.size;
    best.line_height = line_per_em * best.size;
    return best;
}

FittedText measure_text(cairo_t* cr, std::string_view text, const Box& box,
                        const TextStyle& style) {
    const std::string clean = printable_utf8(text);
    if (clean.empty()) return {};
    return fit_text(cr, clean, box, style);
}

double draw_text(cairo_t* cr, std::string_view text, const Box& box, const TextStyle& style) {
    const std::string clean = printable_utf8(text);
    if (clean.empty()) return 0;
    const FittedText fit = fit_text(cr, clean, box, style);
    const double total = fit.height();
    double top = box.y;
    if (style.valign == VAlign::middle) top += (box.h - total) / 2;
    if (style.valign == VAlign::bottom) top += box.h - total;

    select_font(cr, style.bold, fit.size);
    cairo_set_source_rgb(cr, style.colour.r, style.colour.g, style.colour.b);
    double baseline = top + fit.ascent;
    for (const std::string& line : fit.lines) {
        double x = box.x;
        if (style.align == Align::centre) {
            cairo_text_extents_t ext{};
            cairo_text_extents(cr, line.c_str(), &ext);
            x += (box.w - ext.x_advance) / 2;
        }
        cairo_move_to(cr, x, baseline);
        cairo_show_text(cr, line.c_str());
        baseline += fit.line_height;
    }
    return style.valign == VAlign::top ? total : box.h;
}

} // namespace accred::badge
