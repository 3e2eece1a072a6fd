// Breaking text into lines of a given width, free of SDL (the width of a string is a function
// passed in), so wrapping and shortening are tested without fonts.
#pragma once

#include <cstddef>
#include <functional>
#include <string>
#include <string_view>
#include <vector>

namespace accred {

using WidthOf = std::function<int(const std::string&)>;

// s broken on spaces into lines no wider than width; a word wider than width stays alone on its
// line (the painter shrinks that line).
std::vector<std::string> wrap_words(std::string_view s, int width, const WidthOf& width_of);

// At most max_lines (at least one) of wrap_words. When text is left over, the last line is cut
// by whole characters until it and an ellipsis fit width, so a guard sees that more was said.
std::vector<std::string> wrap_clipped(std::string_view s, int width, std::size_t max_lines,
                                      const WidthOf& width_of);

} // namespace accred
