#include "text_fit.h"

namespace accred {
namespace {

constexpr std::string_view kEllipsis = "\u2026";

// Drops the last UTF-8 character of s (never half of one).
void drop_last_character(std::string& s) {
    while (!s.empty() && (static_cast<unsigned char>(s.back()) & 0xC0) == 0x80)
        s.pop_back();
    if (!s.empty()) s.pop_back();
}

// Drops what would read badly before an ellipsis: spaces and a separator's punctuation.
void trim_end(std::string& s) {
    while (!s.empty() && (s.back() == ' ' || s.back() == ';' || s.back() == ',' || s.back() == ':'))
        s.pop_back();
}

} // namespace

std::vector<std::string> wrap_words(std::string_view s, int width, const WidthOf& width_of) {
    std::vector<std::string> lines;
    std::string line;
    std::size_t start = 0;
    while (start <= s.size()) {
        std::size_t end = s.find(' ', start);
        if (end == std::string_view::npos) end = s.size();
        const std::string word(s.substr(start, end - start));
        const std::string candidate = line.empty() ? word : line + " " + word;
        if (!line.empty() && width_of(candidate) > width) {
            lines.push_back(line);
            line = word;
        } else {
            line = candidate;
        }
        start = end + 1;
    }
    if (!line.empty()) lines.push_back(line);
    return lines;
}

std::vector<std::string> wrap_clipped(std::string_view s, int width, std::size_t max_lines,
                                      const WidthOf& width_of) {
    if (max_lines == 0) max_lines = 1;
    std::vector<std::string> lines = wrap_words(s, width, width_of);
    if (lines.size() <= max_lines) return lines;
    lines.resize(max_lines);
    std::string& last = lines.back();
    trim_end(last);
    while (!last.empty() && width_of(last + std::string(kEllipsis)) > width) {
        drop_last_character(last);
        trim_end(last);
    }
    last += kEllipsis;
    return lines;
}

} // namespace accred
