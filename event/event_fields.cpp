#include "event_fields.h"

#include "event/calendar.h"

#include <algorithm>

namespace accred::event_file {

namespace {

constexpr std::size_t kMaxNameBytes = 128; // as bundle/event_cbor.cpp reads them

} // namespace

bool is_id(std::string_view id) {
    if (id.empty() || id.size() > 32) return false;
    return std::all_of(id.begin(), id.end(), [](char c) {
        return (c >= 'a' && c <= 'z') || (c >= '0' && c <= '9') || c == '_';
    });
}

bool is_event_id(std::string_view id) {
    if (id.empty() || id.size() > 32) return false;
    return std::all_of(id.begin(), id.end(), [](char c) {
        return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9') ||
               c == '.' || c == '_' || c == '-';
    });
}

bool is_colour(std::string_view colour) {
    if (colour.size() != 7 || colour[0] != '#') return false;
    return std::all_of(colour.begin() + 1, colour.end(), [](char c) {
        return (c >= '0' && c <= '9') || (c >= 'a' && c <= 'f') || (c >= 'A' && c <= 'F');
    });
}

namespace {

// The display name at key, checked: not blank, at most 128 bytes, no control characters.
std::string checked_name(TomlReader& in, const toml::table& table, std::string_view key,
                         const std::string& where, Need need) {
    const toml::node* node = in.field(table, key, where, need);
    auto name = in.string_field(table, key, where, Need::optional);
    if (!node || !name) return {};
    const bool blank = name->find_first_not_of(" \t") == std::string::npos;
    const bool control = std::any_of(name->begin(), name->end(), [](char c) {
        return static_cast<unsigned char>(c) < 0x20 || c == 0x7f;
    });
    if (blank || control || name->size() > kMaxNameBytes)
        in.error(*node, "\"" + std::string(key) + "\" in " + where +
                            " must be 1 to 128 bytes of text without control characters");
    return *name;
}

} // namespace

std::string name_field(TomlReader& in, const toml::table& table, const std::string& where) {
    return checked_name(in, table, "name", where, Need::required);
}

void translated_names(TomlReader& in, const toml::table& table, const std::string& where,
                      std::string& name_fr, std::string& name_nl) {
    name_fr = checked_name(in, table, "name_fr", where, Need::optional);
    name_nl = checked_name(in, table, "name_nl", where, Need::optional);
}

std::optional<std::string> id_field(TomlReader& in, const toml::table& table,
                                    const std::string& where, const char* what) {
    auto id = in.string_field(table, "id", where, Need::required);
    if (!id) return std::nullopt;
    if (!is_id(*id)) {
        in.error(*table.get("id"), std::string(what) + " id " + quote(*id) +
                                       " must be 1 to 32 characters of a-z, 0-9 and _");
    }
    return id;
}

std::optional<LocalDate> date_value(TomlReader& in, const toml::node& node,
                                    const std::string& what) {
    if (const auto* value = node.as_date()) {
        const toml::date& d = value->get();
        const LocalDate date{d.year, d.month, d.day};
        if (is_valid_date(date)) return date;
        in.error(node, what + " " + format_iso_date(date) + " is outside " +
                           std::to_string(kMinYear) + ".." + std::to_string(kMaxYear));
        return std::nullopt;
    }
    const auto* text = node.as_string();
    if (!text) {
        in.error(node, what + " must be a date \"YYYY-MM-DD\", not " + type_name(node));
        return std::nullopt;
    }
    if (auto date = parse_iso_date(text->get())) return date;
    in.error(node, what + " " + quote(text->get()) + " is not a valid date \"YYYY-MM-DD\"");
    return std::nullopt;
}

bool first_use(TomlReader& in, std::map<std::string, TomlLine>& seen, const std::string& id,
               const toml::table& table, const char* what) {
    const TomlLine line = table.get("id")->source().begin.line;
    const auto [it, inserted] = seen.emplace(id, line);
    if (!inserted)
        in.error(line, std::string(what) + " id " + quote(id) + " is used twice (first on line " +
                           std::to_string(it->second) + ")");
    return inserted;
}

std::string describe(const char* what, const std::optional<std::string>& id, std::size_t index) {
    if (id) return std::string(what) + " " + quote(*id);
    return std::string(what) + " #" + std::to_string(index + 1);
}

std::optional<LocalMinute> time_field(TomlReader& in, const toml::table& table,
                                      std::string_view key, const std::string& where,
                                      bool allow_end_of_day) {
    const auto text = in.string_field(table, key, where, Need::required);
    if (!text) return std::nullopt;
    if (auto minute = parse_hh_mm(*text, allow_end_of_day)) return minute;
    in.error(*table.get(key), quote(key) + " in " + where + " must be a time \"HH:MM\" (" +
                                  (allow_end_of_day ? "00:00 to 24:00" : "00:00 to 23:59") +
                                  "), not " + quote(*text));
    return std::nullopt;
}

} // namespace accred::event_file
