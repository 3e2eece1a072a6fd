// The name of a zone, category or gate in a screen's language: its name_fr or name_nl when the
// event gives one, else its name (the event definition's own language).
#pragma once

#include <string>
#include <string_view>

namespace accred {

// language: a strings-file code ("en", "fr", "nl"). Named: Zone, Category or Gate.
template <typename Named>
const std::string& localized_name(const Named& named, std::string_view language) {
    if (language == "fr" && !named.name_fr.empty()) return named.name_fr;
    if (language == "nl" && !named.name_nl.empty()) return named.name_nl;
    return named.name;
}

} // namespace accred
