#include "kiosk/screen/shipped_strings.h"

#include <catch2/catch.hpp>

namespace accred::test {

ScreenText shipped_strings() {
    auto text = ScreenText::load(std::string(ACCRED_ASSETS_DIR) + "/kiosk/strings.toml",
                                 screen_required_keys());
    INFO((text ? std::string() : text.error().message));
    REQUIRE(text);
    return std::move(text).value();
}

std::size_t language_index(const ScreenText& text, const std::string& code) {
    for (std::size_t i = 0; i < text.language_count(); ++i)
        if (text.language_code(i) == code) return i;
    FAIL("language " << code << " is not in the strings file");
    return 0;
}

} // namespace accred::test
