// The strings file the kiosk ships (assets/kiosk/strings.toml), for the screen's tests.
#pragma once

#include "kiosk/screen/screen_text.h"

#include <cstddef>
#include <string>

namespace accred::test {

// The shipped strings, with every key the screen needs (the test fails when it cannot load).
ScreenText shipped_strings();

// The index of language code ("fr") in text; fails the test when it has none.
std::size_t language_index(const ScreenText& text, const std::string& code);

} // namespace accred::test
