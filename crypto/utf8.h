// Strict UTF-8, one decoder for every reader of text from files and badges: shortest forms only,
// no surrogates, nothing above U+10FFFF.
#pragma once

#include <cstddef>
#include <cstdint>
#include <string_view>

namespace accred {

// The length (1 to 4) of the valid UTF-8 sequence starting at s[i], with its code point in cp;
// 0 when the bytes there are not valid UTF-8. i must be below s.size().
std::size_t utf8_sequence_at(std::string_view s, std::size_t i, std::uint32_t& cp);

// True when the whole of s is valid UTF-8.
bool is_valid_utf8(std::string_view s);

} // namespace accred
