#include "utf8.h"

namespace accred {

std::size_t utf8_sequence_at(std::string_view s, std::size_t i, std::uint32_t& cp) {
    const auto c = static_cast<unsigned char>(s[i]);
    if (c < 0x80) {
        cp = c;
        return 1;
    }
    std::size_t extra = 0;
    if (c >= 0xC2 && c <= 0xDF) {
        extra = 1;
        cp = c & 0x1Fu;
    } else if (c >= 0xE0 && c <= 0xEF) {
        extra = 2;
        cp = c & 0x0Fu;
    } else if (c >= 0xF0 && c <= 0xF4) {
        extra = 3;
        cp = c & 0x07u;
    } else {
        return 0;
    }
    if (s.size() - i <= extra) return 0;
    for (std::size_t k = 1; k <= extra; ++k) {
        const auto cc = static_cast<unsigned char>(s[i + k]);
        if ((cc & 0xC0u) != 0x80u) return 0;
        cp = (cp << 6) | (cc & 0x3Fu);
    }
    if ((extra == 2 && (cp < 0x800 || (cp >= 0xD800 && cp <= 0xDFFF))) ||
        (extra == 3 && (cp < 0x10000 || cp > 0x10FFFF)))
        return 0;
    return extra + 1;
}

bool is_valid_utf8(std::string_view s) {
    std::uint32_t cp = 0;
    for (std::size_t i = 0; i < s.size();) {
        const std::size_t n = utf8_sequence_at(s, i, cp);
        if (n == 0) return false;
        i += n;
    }
    return true;
}

} // namespace accred
