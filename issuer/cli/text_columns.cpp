#include "text_columns.h"

#include "crypto/utf8.h"

#include <clocale>
#include <cwchar>
#include <locale.h>

namespace accred {

namespace {

// The C.UTF-8 locale, made once, used only on this thread for the duration of a wcwidth call:
// the process's own locale (the "C" locale, in which wcwidth knows only ASCII) stays as it is.
locale_t utf8_locale() {
    static const locale_t made = newlocale(LC_CTYPE_MASK, "C.UTF-8", nullptr);
    return made;
}

int code_point_width(std::uint32_t cp) {
    const locale_t utf8 = utf8_locale();
    if (!utf8) return 1;
    const locale_t before = uselocale(utf8);
    const int w = wcwidth(static_cast<wchar_t>(cp));
    uselocale(before);
    return w < 0 ? 1 : w;
}

} // namespace

std::size_t display_width(std::string_view utf8) {
    std::size_t width = 0;
    for (std::size_t i = 0; i < utf8.size();) {
        std::uint32_t cp = 0;
        const std::size_t len = utf8_sequence_at(utf8, i, cp);
        if (len == 0) {
            ++width;
            ++i;
            continue;
        }
        width += cp < 0x80 ? 1 : static_cast<std::size_t>(code_point_width(cp));
        i += len;
    }
    return width;
}

std::string pad_to_width(std::string_view utf8, std::size_t width) {
    std::string out(utf8);
    const std::size_t have = display_width(utf8);
    if (have < width) out.append(width - have, ' ');
    return out;
}

} // namespace accred
