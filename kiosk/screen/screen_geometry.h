// Plain rectangles and colours for the screen's layout, free of SDL so layout is testable.
#pragma once

#include <cstdint>
#include <string_view>

namespace accred {

struct Rect {
    int x = 0;
    int y = 0;
    int w = 0;
    int h = 0;
    bool contains(int px, int py) const { return px >= x && py >= y && px < x + w && py < y + h; }
};

struct Colour {
    std::uint8_t r = 0, g = 0, b = 0, a = 255;
};

// "#RRGGBB" (the event definition's category colours); grey when malformed.
Colour colour_from_hex(std::string_view hex);

// The screen's palette. Verdict colours are strong and far apart in hue, and each verdict also
// has its own shape, words and tone, so a colour-blind guard loses nothing.
namespace palette {
inline constexpr Colour granted{0x1B, 0x7F, 0x3B};   // green
inline constexpr Colour denied{0xC0, 0x1C, 0x1C};    // red
inline constexpr Colour attention{0xFF, 0xB3, 0x00}; // amber
inline constexpr Colour on_granted{0xFF, 0xFF, 0xFF};
inline constexpr Colour on_denied{0xFF, 0xFF, 0xFF};
inline constexpr Colour on_attention{0x10, 0x10, 0x10};
inline constexpr Colour background{0x12, 0x18, 0x22};
inline constexpr Colour panel{0x1F, 0x29, 0x37};
inline constexpr Colour card{0xF5, 0xF5, 0xF2};
inline constexpr Colour card_text{0x14, 0x14, 0x14};
inline constexpr Colour text{0xEE, 0xF2, 0xF6};
inline constexpr Colour muted_text{0xA8, 0xB3, 0xC0};
inline constexpr Colour status_bar{0x0B, 0x10, 0x18};
inline constexpr Colour warning{0xFF, 0xC1, 0x07};
inline constexpr Colour alarm_bg{0xD3, 0x2F, 0x2F};
inline constexpr Colour button{0x34, 0x44, 0x58};
inline constexpr Colour button_disabled{0x25, 0x2E, 0x3A};
inline constexpr Colour exit_mode{0x15, 0x65, 0xC0}; // blue band: this door records exits
inline constexpr Colour qr_outline{0x00, 0xE6, 0x76};
} // namespace palette

} // namespace accred
