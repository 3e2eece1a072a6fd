// Columns of text on a terminal lined up by what the eye sees, not by bytes: "Élodie" is six
// columns wide in seven bytes, a CJK name two columns per character, a combining accent none.
#pragma once

#include <cstddef>
#include <string>
#include <string_view>

namespace accred {

// The columns a terminal gives `utf8`: each code point's wcwidth in the C.UTF-8 locale (0 for
// combining marks, 2 for wide East Asian characters); a control character or a byte that is not
// UTF-8 counts 1 (it is printed escaped or as a replacement, never as nothing).
std::size_t display_width(std::string_view utf8);

// `utf8` followed by spaces up to `width` columns (nothing added when it is wider already).
std::string pad_to_width(std::string_view utf8, std::size_t width);

} // namespace accred
