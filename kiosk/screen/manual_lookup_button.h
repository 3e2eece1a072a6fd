// A touch target on the manual lookup panel: a key of the on-screen keyboard, a result, a
// supervisor, or a panel key (delete, OK, back).
#pragma once

#include "kiosk/screen/manual_lookup_model.h"
#include "kiosk/screen/screen_geometry.h"

#include <cstddef>
#include <string>

namespace accred {

struct LookupButton {
    enum class Kind { character, key, result, supervisor } kind = Kind::character;
    std::string text;      // character: what it types; otherwise a literal label (or empty)
    std::string label_key; // a strings key, used when set
    LookupKey key = LookupKey::enter;
    std::size_t index = 0; // result or supervisor
    Rect rect;
    bool enabled = true;
    bool selected = false;
};

} // namespace accred
