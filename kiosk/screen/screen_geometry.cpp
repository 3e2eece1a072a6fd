#include "screen_geometry.h"

namespace accred {

Colour colour_from_hex(std::string_view hex) {
    auto nibble = [](char c) -> int {
        if (c >= '0' && c <= '9') return c - '0';
        if (c >= 'a' && c <= 'f') return c - 'a' + 10;
        if (c >= 'A' && c <= 'F') return c - 'A' + 10;
        return -1;
    };
    if (hex.size() != 7 || hex[0] != '#') return {0x80, 0x80, 0x80};
    std::uint8_t v[3];
    for (int i = 0; i < 3; ++i) {
        const int hi = nibble(hex[1 + 2 * i]);
        const int lo = nibble(hex[2 + 2 * i]);
        if (hi < 0 || lo < 0) return {0x80, 0x80, 0x80};
        v[i] = static_cast<std::uint8_t>(hi * 16 + lo);
    }
    return {v[0], v[1], v[2]};
}

} // namespace accred
