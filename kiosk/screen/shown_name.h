// A zone's, category's or gate's name in each of the screen's languages, copied out of the
// event definition so that a verdict or the status bar can be drawn in whichever language the
// guard picks (F1) after it was made.
#pragma once

#include "event/localized_name.h"

#include <string>
#include <string_view>

namespace accred {

struct ShownName {
    std::string name; // the event definition's own
    std::string name_fr;
    std::string name_nl;

    // Of a Zone, Category or Gate.
    template <typename Named> static ShownName of(const Named& named) {
        return {named.name, named.name_fr, named.name_nl};
    }
    // In language ("en", "fr", "nl"), falling back to name.
    const std::string& in(std::string_view language) const {
        return localized_name(*this, language);
    }
    bool empty() const { return name.empty(); }
};

} // namespace accred
