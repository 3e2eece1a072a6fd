#include "badge_fields.h"

#include <algorithm>
#include <cctype>
#include <map>

namespace accred::event_file {

namespace {

constexpr std::size_t kMaxMarkBytes = 4;
constexpr std::size_t kMaxLogoPathBytes = 255;

bool ends_with_lower(std::string text, std::string_view suffix) {
    std::transform(text.begin(), text.end(), text.begin(),
                   [](unsigned char c) { return static_cast<char>(std::tolower(c)); });
    return text.ends_with(suffix);
}

} // namespace

std::string badge_mark_field(TomlReader& in, const toml::table& table, const std::string& where) {
    auto mark = in.string_field(table, "badge_mark", where, Need::optional);
    if (!mark) return {};
    const bool alnum = std::all_of(mark->begin(), mark->end(), [](char c) {
        return std::isalnum(static_cast<unsigned char>(c)) != 0;
    });
    if (mark->empty() || mark->size() > kMaxMarkBytes || !alnum) {
        in.error(*table.get("badge_mark"), "\"badge_mark\" in " + where +
                                               " must be 1 to 4 letters or digits, not " +
                                               quote(*mark));
        return {};
    }
    return *mark;
}

void check_badge_marks(TomlReader& in, const EventDefinition& event,
                       const std::vector<const toml::table*>& zone_tables) {
    std::map<std::string, std::string> seen; // mark -> the first zone printing it
    for (std::size_t i = 0; i < event.zones.size() && i < zone_tables.size(); ++i) {
        const Zone& zone = event.zones[i];
        const std::string mark = badge_mark_of(zone);
        const auto [first, inserted] = seen.emplace(mark, zone.id);
        if (inserted) continue;
        const toml::node* at = zone_tables[i]->get("badge_mark");
        const TomlLine line = at ? at->source().begin.line : zone_tables[i]->source().begin.line;
        in.error(line, "zone \"" + zone.id + "\" would print badge mark \"" + mark +
                           "\", already zone \"" + first->second +
                           "\"'s: give one of them another \"badge_mark\"");
    }
}

std::string logo_field(TomlReader& in, const toml::table& table) {
    auto path = in.string_field(table, "logo", "[event]", Need::optional);
    if (!path) return {};
    const bool control = std::any_of(path->begin(), path->end(), [](char c) {
        return static_cast<unsigned char>(c) < 0x20 || c == 0x7f;
    });
    const bool image = ends_with_lower(*path, ".png") || ends_with_lower(*path, ".jpg") ||
                       ends_with_lower(*path, ".jpeg");
    if (path->empty() || path->size() > kMaxLogoPathBytes || control || path->front() == '/' ||
        !image) {
        in.error(*table.get("logo"), "\"logo\" in [event] must name a .png or .jpg file relative "
                                     "to the event file, not " +
                                         quote(*path));
        return {};
    }
    return *path;
}

} // namespace accred::event_file
