#include "terminal_text.h"

#include "crypto/utf8.h"

#include <cstdint>
#include <cstdio>

namespace accred {
namespace {

std::string hex_escape(const char* format, unsigned value) {
    char buffer[12];
    std::snprintf(buffer, sizeof buffer, format, value);
    return buffer;
}

// Bidirectional formatting characters: LRM, RLM, ALM, the embeddings and overrides
// (U+202A-U+202E) and the isolates (U+2066-U+2069). Each can reorder what a line shows.
bool is_bidi_control(std::uint32_t cp) {
    return cp == 0x200E || cp == 0x200F || cp == 0x061C || (cp >= 0x202A && cp <= 0x202E) ||
           (cp >= 0x2066 && cp <= 0x2069);
}

} // namespace

std::string escape_for_terminal(std::string_view value) {
    std::string out;
    out.reserve(value.size());
    for (std::size_t i = 0; i < value.size();) {
        const auto c = static_cast<unsigned char>(value[i]);
        if (c < 0x80) {
            if (c < 0x20 || c == 0x7F)
                out += hex_escape("\\x%02X", c);
            else
                out += static_cast<char>(c);
            ++i;
            continue;
        }
        std::uint32_t cp = 0;
        const std::size_t n = utf8_sequence_at(value, i, cp);
        if (n == 0) {
            out += hex_escape("\\x%02X", c);
            ++i;
        } else if (cp < 0xA0) { // C1 controls, U+0080-U+009F
            out += hex_escape("\\x%02X", cp);
            i += n;
        } else if (is_bidi_control(cp)) {
            out += hex_escape("\\u%04X", cp);
            i += n;
        } else {
            out.append(value.substr(i, n));
            i += n;
        }
    }
    return out;
}

} // namespace accred
