// The web desk's words in English, French and Dutch. Each page keeps its own table (beside its
// handlers) and the shared words are here; a template reads them as {{t.key}}, so no page
// builds text by hand and a missing translation shows in tests as an empty string, not as a key.
#pragma once

#include <nlohmann/json.hpp>
#include <span>
#include <string>
#include <string_view>

namespace accred {

struct TextEntry {
    const char* key;
    const char* en;
    const char* fr;
    const char* nl;
};

inline constexpr std::string_view kWebLanguages[] = {"en", "fr", "nl"};

// "en", "fr" or "nl" from an Accept-Language header (the first of ours it names), else "en".
std::string language_from_header(std::string_view accept_language);
// lang when it is one of kWebLanguages, else "en".
std::string known_language(std::string_view lang);

// Adds each entry's text in lang to out (an object), by key.
void add_texts(nlohmann::json& out, std::span<const TextEntry> table, std::string_view lang);

// The words every page shares: the menu, the buttons, the common messages.
std::span<const TextEntry> common_texts();

} // namespace accred
