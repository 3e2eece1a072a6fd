// A credential-sized text for the scan tests: 271 characters, a version 11 symbol as on the demo
// badges, in the Base45 alphabet an AC1 credential uses.
#pragma once

#include <string>

namespace accred::test {

inline std::string long_credential() {
    std::string text = "AC1:";
    while (text.size() < 271)
        text += "RRQT 9P60GO0LCTB*5FZB1+G8CK$-./:";
    text.resize(271);
    return text;
}

} // namespace accred::test
