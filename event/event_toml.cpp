#include "event_toml.h"

#include "event/calendar.h"
#include "event/resolved_zone.h"

#include <algorithm>
#include <exception>
#include <initializer_list>
#include <map>
#include <optional>
#include <sodium.h>
#include <string>
#include <toml++/toml.h>
#include <utility>
#include <vector>

namespace accred {

namespace {

// Bounds. Zone and category codes travel in credentials as one byte, hence 256. The others are
// far above any real event and only keep a mistaken or hostile file from growing without limit.
constexpr std::size_t kMaxTextBytes = 1024 * 1024;
constexpr std::size_t kMaxZones = 256;
constexpr std::size_t kMaxCategories = 256;
constexpr std::size_t kMaxGates = 1024;
constexpr std::size_t kMaxSupervisors = 256;
constexpr std::size_t kMaxDays = 366;
constexpr std::size_t kMaxWindowsPerZone = 512;
constexpr std::size_t kMaxNameBytes = 128; // as bundle/event_cbor.cpp reads them
constexpr std::size_t kMaxErrorsShown = 30;
constexpr std::int64_t kMaxRank = 100;
constexpr std::int64_t kMaxCapacity = 1000000;
constexpr std::int64_t kMaxRevocationAgeMinutes = 7 * 24 * 60;
constexpr std::int64_t kMaxPassbackMinutes = 24 * 60;
// A kiosk verifies a supervisor PIN with the hash's own parameters: cap them so that a doctored
// definition cannot make a gate allocate gigabytes or stall for minutes. 256 MiB and 10 passes
// are above libsodium's MODERATE level; INTERACTIVE (64 MiB, 2 passes) is the expected one.
constexpr unsigned long long kMaxPinMemoryKiB = 256 * 1024;
constexpr unsigned long long kMaxPinPasses = 10;

using Line = toml::source_index;

std::string quote(std::string_view text) {
    // Values are echoed in messages; keep them short and free of control characters.
    std::string out = "\"";
    for (std::size_t i = 0; i < text.size() && i < 60; ++i) {
        const char c = text[i];
        out += (static_cast<unsigned char>(c) < 0x20 || c == 0x7f) ? '?' : c;
    }
    if (text.size() > 60) out += "...";
    return out + "\"";
}

const char* type_name(const toml::node& node) {
    switch (node.type()) {
    case toml::node_type::string:
        return "a string";
    case toml::node_type::integer:
        return "an integer";
    case toml::node_type::floating_point:
        return "a decimal number";
    case toml::node_type::boolean:
        return "true/false";
    case toml::node_type::date:
        return "a date";
    case toml::node_type::time:
        return "a time";
    case toml::node_type::date_time:
        return "a date and time";
    case toml::node_type::array:
        return "an array";
    case toml::node_type::table:
        return "a table";
    case toml::node_type::none:
        break;
    }
    return "nothing";
}

// Levenshtein distance, for "did you mean" on unknown keys (keys are short).
std::size_t edit_distance(std::string_view a, std::string_view b) {
    std::vector<std::size_t> row(b.size() + 1);
    for (std::size_t j = 0; j <= b.size(); ++j)
        row[j] = j;
    for (std::size_t i = 1; i <= a.size(); ++i) {
        std::size_t diagonal = row[0];
        row[0] = i;
        for (std::size_t j = 1; j <= b.size(); ++j) {
            const std::size_t above = row[j];
            row[j] =
                std::min({row[j] + 1, row[j - 1] + 1, diagonal + (a[i - 1] == b[j - 1] ? 0 : 1)});
            diagonal = above;
        }
    }
    return row[b.size()];
}

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

// Reads the decimal number after `prefix` at `pos` in `text` and moves past it.
bool read_param(std::string_view text, std::size_t& pos, std::string_view prefix,
                unsigned long long& value) {
    if (text.substr(pos, prefix.size()) != prefix) return false;
    pos += prefix.size();
    const std::size_t start = pos;
    value = 0;
    while (pos < text.size() && text[pos] >= '0' && text[pos] <= '9' && pos - start < 12)
        value = value * 10 + static_cast<unsigned long long>(text[pos++] - '0');
    return pos > start;
}

// Empty when `hash` is an acceptable Argon2id string in crypto_pwhash_str format, else why not.
std::string pin_hash_problem(const std::string& hash) {
    const std::string_view text = hash;
    if (text.substr(0, 10) != "$argon2id$")
        return "must be an Argon2id hash from crypto_pwhash_str, starting \"$argon2id$\"";
    if (hash.size() >= crypto_pwhash_STRBYTES) return "is too long for an Argon2id hash";
    std::size_t pos = 10;
    unsigned long long version = 0, memory = 0, passes = 0, lanes = 0;
    if (!read_param(text, pos, "v=", version) || !read_param(text, pos, "$m=", memory) ||
        !read_param(text, pos, ",t=", passes) || !read_param(text, pos, ",p=", lanes) ||
        version != 19)
        return "is not a well-formed Argon2id hash ($argon2id$v=19$m=...,t=...,p=...$...)";
    if (memory > kMaxPinMemoryKiB || passes > kMaxPinPasses)
        return "asks for more than 256 MiB or 10 passes: a kiosk would stall checking a PIN";
    // needs_rehash decodes the whole string (parameters, salt and hash) and returns -1 when it is
    // not a valid hash for this algorithm: the format check that crypto_pwhash_str_verify does.
    if (sodium_init() < 0) return "cannot be checked (libsodium did not initialise)";
    if (crypto_pwhash_str_needs_rehash(hash.c_str(), crypto_pwhash_OPSLIMIT_INTERACTIVE,
                                       crypto_pwhash_MEMLIMIT_INTERACTIVE) < 0)
        return "is not a valid Argon2id hash (bad salt or hash encoding)";
    return {};
}

enum class Need { required, optional };

class Parser {
  public:
    explicit Parser(std::string_view source) : source_(source) {}

    void error(Line line, std::string reason) { errors_.emplace_back(line, std::move(reason)); }
    void error(const toml::node& node, std::string reason) {
        error(node.source().begin.line, std::move(reason));
    }
    bool failed() const { return !errors_.empty(); }

    std::string message() {
        std::stable_sort(errors_.begin(), errors_.end(),
                         [](const auto& a, const auto& b) { return a.first < b.first; });
        std::string out;
        for (std::size_t i = 0; i < errors_.size() && i < kMaxErrorsShown; ++i) {
            if (i > 0) out += '\n';
            out += source_ + ":" + std::to_string(errors_[i].first) + ": " + errors_[i].second;
        }
        if (errors_.size() > kMaxErrorsShown)
            out += "\n" + source_ + ": " + std::to_string(errors_.size() - kMaxErrorsShown) +
                   " more mistakes not shown";
        return out;
    }

    void parse(const toml::table& root, EventDefinition& event) {
        check_keys(root, {"event", "zones", "categories", "gates", "supervisors"}, "the top level");
        parse_event(root, event);
        parse_zones(root, event);
        parse_categories(root, event);
        parse_gates(root, event);
        parse_supervisors(root, event);
    }

  private:
    // ---- generic readers -------------------------------------------------------------------

    void check_keys(const toml::table& table, std::initializer_list<std::string_view> allowed,
                    const std::string& where) {
        for (auto&& [key, node] : table) {
            const std::string_view name = key.str();
            if (std::find(allowed.begin(), allowed.end(), name) != allowed.end()) continue;
            std::string reason = "unknown key " + quote(name) + " in " + where;
            std::string_view best;
            std::size_t best_distance = 3; // suggest only close matches
            for (std::string_view candidate : allowed) {
                const std::size_t d = edit_distance(name, candidate);
                if (d < best_distance) {
                    best_distance = d;
                    best = candidate;
                }
            }
            if (!best.empty()) {
                reason += " (did you mean " + quote(best) + "?)";
            } else {
                reason += " (expected:";
                for (std::string_view candidate : allowed)
                    reason += " " + std::string(candidate);
                reason += ")";
            }
            const Line line =
                key.source().begin.line ? key.source().begin.line : node.source().begin.line;
            error(line, std::move(reason));
        }
    }

    // The node at `key`, or nullptr; reports a missing required key at the table's line.
    const toml::node* field(const toml::table& table, std::string_view key,
                            const std::string& where, Need need) {
        const toml::node* node = table.get(key);
        if (!node && need == Need::required)
            error(table, "missing key " + quote(key) + " in " + where);
        return node;
    }

    void wrong_type(const toml::node& node, std::string_view key, const std::string& where,
                    const char* expected) {
        error(node,
              quote(key) + " in " + where + " must be " + expected + ", not " + type_name(node));
    }

    std::optional<std::string> string_field(const toml::table& table, std::string_view key,
                                            const std::string& where, Need need) {
        const toml::node* node = field(table, key, where, need);
        if (!node) return std::nullopt;
        if (const auto* value = node->as_string()) return value->get();
        wrong_type(*node, key, where, "a string");
        return std::nullopt;
    }

    // An integer within lo..hi; `range` describes it in the message.
    std::optional<std::int64_t> integer_field(const toml::table& table, std::string_view key,
                                              const std::string& where, Need need, std::int64_t lo,
                                              std::int64_t hi, const std::string& range) {
        const toml::node* node = field(table, key, where, need);
        if (!node) return std::nullopt;
        const auto* value = node->as_integer();
        if (!value) {
            wrong_type(*node, key, where, "an integer");
            return std::nullopt;
        }
        if (value->get() < lo || value->get() > hi) {
            error(*node, quote(key) + " in " + where + " must be " + range + ", not " +
                             std::to_string(value->get()));
            return std::nullopt;
        }
        return value->get();
    }

    const toml::array* array_field(const toml::table& table, std::string_view key,
                                   const std::string& where, Need need) {
        const toml::node* node = field(table, key, where, need);
        if (!node) return nullptr;
        if (const auto* array = node->as_array()) return array;
        wrong_type(*node, key, where, "an array [ ... ]");
        return nullptr;
    }

    // A display name: present, not blank, at most 128 bytes, no control characters.
    std::string name_field(const toml::table& table, const std::string& where) {
        const toml::node* node = field(table, "name", where, Need::required);
        auto name = string_field(table, "name", where, Need::optional);
        if (!node || !name) return {};
        const bool blank = name->find_first_not_of(" \t") == std::string::npos;
        const bool control = std::any_of(name->begin(), name->end(), [](char c) {
            return static_cast<unsigned char>(c) < 0x20 || c == 0x7f;
        });
        if (blank || control || name->size() > kMaxNameBytes)
            error(*node, "\"name\" in " + where +
                             " must be 1 to 128 bytes of text without control characters");
        return *name;
    }

    // An id of [a-z0-9_]{1,32}; `what` is e.g. "zone".
    std::optional<std::string> id_field(const toml::table& table, const std::string& where,
                                        const char* what) {
        auto id = string_field(table, "id", where, Need::required);
        if (!id) return std::nullopt;
        if (!is_id(*id)) {
            error(*table.get("id"), std::string(what) + " id " + quote(*id) +
                                        " must be 1 to 32 characters of a-z, 0-9 and _");
        }
        return id;
    }

    // A calendar date written "YYYY-MM-DD" (a string) or as a TOML date (2014-03-31, unquoted).
    std::optional<LocalDate> date_value(const toml::node& node, const std::string& what) {
        if (const auto* value = node.as_date()) {
            const toml::date& d = value->get();
            const LocalDate date{d.year, d.month, d.day};
            if (is_valid_date(date)) return date;
            error(node, what + " " + format_iso_date(date) + " is outside " +
                            std::to_string(kMinYear) + ".." + std::to_string(kMaxYear));
            return std::nullopt;
        }
        const auto* text = node.as_string();
        if (!text) {
            error(node, what + " must be a date \"YYYY-MM-DD\", not " + type_name(node));
            return std::nullopt;
        }
        if (auto date = parse_iso_date(text->get())) return date;
        error(node, what + " " + quote(text->get()) + " is not a valid date \"YYYY-MM-DD\"");
        return std::nullopt;
    }

    // The entries of an array of tables ([[name]] or name = [ {...}, ... ]). Entries that are not
    // tables are reported and skipped. `max` bounds the count (reported at the first extra).
    std::vector<const toml::table*> table_array(const toml::table& parent, std::string_view key,
                                                const std::string& where, std::size_t max,
                                                const std::string& too_many) {
        std::vector<const toml::table*> out;
        const toml::node* node = parent.get(key);
        if (!node) return out;
        const auto* array = node->as_array();
        if (!array) {
            error(*node, quote(key) + " in " + where + " must be a list of tables: write [[" +
                             std::string(key) + "]] for each entry, not " + type_name(*node));
            return out;
        }
        for (const toml::node& element : *array) {
            if (out.size() == max) {
                error(element, too_many);
                break;
            }
            if (const auto* table = element.as_table()) {
                out.push_back(table);
            } else {
                error(element, "each entry of " + quote(key) + " in " + where +
                                   " must be a table, not " + type_name(element));
            }
        }
        return out;
    }

    // The first line on which each id was seen, to report duplicates.
    bool first_use(std::map<std::string, Line>& seen, const std::string& id,
                   const toml::table& table, const char* what) {
        const Line line = table.get("id")->source().begin.line;
        const auto [it, inserted] = seen.emplace(id, line);
        if (!inserted)
            error(line, std::string(what) + " id " + quote(id) + " is used twice (first on line " +
                            std::to_string(it->second) + ")");
        return inserted;
    }

    static std::string describe(const char* what, const std::optional<std::string>& id,
                                std::size_t index) {
        if (id) return std::string(what) + " " + quote(*id);
        return std::string(what) + " #" + std::to_string(index + 1);
    }

    // ---- [event] ---------------------------------------------------------------------------

    void parse_event(const toml::table& root, EventDefinition& event) {
        const toml::node* node = root.get("event");
        if (!node) {
            error(Line{1}, "missing [event] table (id, name, time_zone, days)");
            return;
        }
        const auto* table = node->as_table();
        if (!table) {
            error(*node,
                  "\"event\" must be the [event] table, not " + std::string(type_name(*node)));
            return;
        }
        const std::string where = "[event]";
        check_keys(*table,
                   {"id", "name", "time_zone", "days", "revocation_max_age_minutes",
                    "presence_reset"},
                   where);
        if (auto id = string_field(*table, "id", where, Need::required)) {
            if (!is_event_id(*id))
                error(*table->get("id"),
                      "event id " + quote(*id) +
                          " must be 1 to 32 characters of A-Z, a-z, 0-9, '.', '_' and '-'");
            event.id = *id;
        }
        event.name = name_field(*table, where);
        if (auto tz = string_field(*table, "time_zone", where, Need::required)) {
            if (auto zone = ResolvedZone::resolve(*tz); !zone)
                error(*table->get("time_zone"), zone.error().message);
            event.time_zone = *tz;
        }
        if (const auto* days = array_field(*table, "days", where, Need::required)) {
            if (days->empty()) error(*days, "\"days\" in [event] must list at least one day");
            if (days->size() > kMaxDays) error(*days, "\"days\" in [event] lists over 366 days");
            for (std::size_t i = 0; i < days->size() && i < kMaxDays; ++i) {
                const toml::node& element = *days->get(i);
                auto day = date_value(element, "event day");
                if (!day) continue;
                if (!event.days.empty() && *day == event.days.back()) {
                    error(element, "event day " + format_iso_date(*day) + " is listed twice");
                    continue;
                }
                if (!event.days.empty() && *day < event.days.back()) {
                    error(element,
                          "event days must be in ascending order: " + format_iso_date(*day) +
                              " comes after " + format_iso_date(event.days.back()));
                    continue;
                }
                event.days.push_back(*day);
            }
        }
        if (auto age = integer_field(*table, "revocation_max_age_minutes", where, Need::optional, 1,
                                     kMaxRevocationAgeMinutes, "1..10080 (one week)"))
            event.revocation_max_age_minutes = static_cast<std::uint32_t>(*age);
        if (table->get("presence_reset"))
            if (auto reset = time_field(*table, "presence_reset", where, false))
                event.presence_reset = *reset;
    }

    // ---- [[zones]] -------------------------------------------------------------------------

    void parse_zones(const toml::table& root, EventDefinition& event) {
        const auto tables = table_array(root, "zones", "the top level", kMaxZones,
                                        "more than 256 zones: a zone code is one byte");
        if (!root.get("zones")) error(Line{1}, "no [[zones]]: an event needs at least one zone");
        std::map<std::string, Line> seen;
        std::vector<Line> parent_lines;
        for (std::size_t i = 0; i < tables.size(); ++i) {
            const toml::table& table = *tables[i];
            Zone zone;
            zone.code = static_cast<std::uint32_t>(i);
            const auto peek_id = table.get_as<std::string>("id");
            const std::string where =
                describe("zone", peek_id ? std::optional(peek_id->get()) : std::nullopt, i);
            check_keys(table, {"id", "name", "parent", "min_rank", "capacity", "windows"}, where);
            if (auto id = id_field(table, where, "zone")) {
                first_use(seen, *id, table, "zone");
                zone.id = *id;
            }
            zone.name = name_field(table, where);
            zone.parent = string_field(table, "parent", where, Need::optional);
            parent_lines.push_back(zone.parent ? table.get("parent")->source().begin.line : 0);
            if (auto rank =
                    integer_field(table, "min_rank", where, Need::optional, 0, kMaxRank, "0..100"))
                zone.min_rank = static_cast<std::uint32_t>(*rank);
            if (auto capacity = integer_field(table, "capacity", where, Need::optional, 1,
                                              kMaxCapacity, "1..1000000"))
                zone.capacity = static_cast<std::uint32_t>(*capacity);
            parse_windows(table, where, event, zone);
            event.zones.push_back(std::move(zone));
        }
        check_parents(event, parent_lines);
    }

    void parse_windows(const toml::table& table, const std::string& where,
                       const EventDefinition& event, Zone& zone) {
        const auto windows = table_array(table, "windows", where, kMaxWindowsPerZone,
                                         where + " has more than 512 windows");
        // "windows = []" could mean "never open" or "always open": refuse rather than guess.
        if (const auto* node = table.get("windows");
            node && node->is_array() && node->as_array()->empty())
            error(*node, where + " has an empty windows list: leave \"windows\" out for a zone "
                                 "open all day on every event day");
        std::vector<std::pair<OpeningWindow, Line>> accepted;
        for (const toml::table* window_table : windows) {
            const toml::table& w = *window_table;
            const std::string window_where = "a window of " + where;
            check_keys(w, {"day", "from", "to"}, window_where);
            std::optional<LocalDate> day;
            if (const toml::node* node = field(w, "day", window_where, Need::required)) {
                day = date_value(*node, "window day");
                if (day &&
                    std::find(event.days.begin(), event.days.end(), *day) == event.days.end()) {
                    error(*node, "window day " + format_iso_date(*day) + " of " + where +
                                     " is not one of the event days");
                    day.reset();
                }
            }
            const auto from = time_field(w, "from", window_where, false);
            const auto to = time_field(w, "to", window_where, true);
            if (!day || !from || !to) continue;
            if (*from >= *to) {
                error(w, "window of " + where + " on " + format_iso_date(*day) + " opens at " +
                             format_hh_mm(*from) + " but closes at " + format_hh_mm(*to) +
                             ": \"from\" must be before \"to\"");
                continue;
            }
            const OpeningWindow window{*day, *from, *to};
            const Line line = w.source().begin.line;
            for (const auto& [other, other_line] : accepted) {
                if (other.day == window.day && other.from < window.to && window.from < other.to) {
                    error(line, "window of " + where + " on " + format_iso_date(*day) + " " +
                                    format_hh_mm(*from) + "-" + format_hh_mm(*to) +
                                    " overlaps the one on line " + std::to_string(other_line));
                }
            }
            accepted.emplace_back(window, line);
            zone.windows.push_back(window);
        }
    }

    std::optional<LocalMinute> time_field(const toml::table& table, std::string_view key,
                                          const std::string& where, bool allow_end_of_day) {
        const auto text = string_field(table, key, where, Need::required);
        if (!text) return std::nullopt;
        if (auto minute = parse_hh_mm(*text, allow_end_of_day)) return minute;
        error(*table.get(key), quote(key) + " in " + where + " must be a time \"HH:MM\" (" +
                                   (allow_end_of_day ? "00:00 to 24:00" : "00:00 to 23:59") +
                                   "), not " + quote(*text));
        return std::nullopt;
    }

    void check_parents(const EventDefinition& event, const std::vector<Line>& parent_lines) {
        const std::size_t n = event.zones.size();
        std::vector<int> parent_of(n, -1);
        for (std::size_t i = 0; i < n; ++i) {
            const Zone& zone = event.zones[i];
            if (!zone.parent) continue;
            const Zone* parent = event.find_zone(*zone.parent);
            if (!parent) {
                error(parent_lines[i], "zone " + quote(zone.id) + " has parent " +
                                           quote(*zone.parent) + ", which is not a zone");
                continue;
            }
            parent_of[i] = static_cast<int>(parent - event.zones.data());
        }
        // Follow each chain of parents; a chain longer than the number of zones loops. Each loop
        // is reported once, at the first of its zones in file order.
        std::vector<bool> reported(n, false);
        for (std::size_t i = 0; i < n; ++i) {
            if (reported[i]) continue;
            std::string path = event.zones[i].id;
            int at = parent_of[i];
            std::size_t steps = 0;
            while (at >= 0 && static_cast<std::size_t>(at) != i && steps++ < n) {
                path += " -> " + event.zones[static_cast<std::size_t>(at)].id;
                at = parent_of[static_cast<std::size_t>(at)];
            }
            if (at < 0 || static_cast<std::size_t>(at) != i) continue;
            path += " -> " + event.zones[i].id;
            for (int j = parent_of[i];; j = parent_of[static_cast<std::size_t>(j)]) {
                reported[static_cast<std::size_t>(j)] = true;
                if (static_cast<std::size_t>(j) == i) break;
            }
            error(parent_lines[i], "zone parents form a loop: " + path);
        }
    }

    // ---- [[categories]] --------------------------------------------------------------------

    void parse_categories(const toml::table& root, EventDefinition& event) {
        const auto tables = table_array(root, "categories", "the top level", kMaxCategories,
                                        "more than 256 categories: a category code is one byte");
        if (!root.get("categories"))
            error(Line{1}, "no [[categories]]: an event needs at least one category");
        std::map<std::string, Line> seen;
        for (std::size_t i = 0; i < tables.size(); ++i) {
            const toml::table& table = *tables[i];
            Category category;
            category.code = static_cast<std::uint32_t>(i);
            const auto peek_id = table.get_as<std::string>("id");
            const std::string where =
                describe("category", peek_id ? std::optional(peek_id->get()) : std::nullopt, i);
            check_keys(table, {"id", "name", "rank", "colour", "zones"}, where);
            if (auto id = id_field(table, where, "category")) {
                first_use(seen, *id, table, "category");
                category.id = *id;
            }
            category.name = name_field(table, where);
            const auto rank =
                integer_field(table, "rank", where, Need::required, 0, kMaxRank, "0..100");
            if (rank) category.rank = static_cast<std::uint32_t>(*rank);
            if (auto colour = string_field(table, "colour", where, Need::required)) {
                if (!is_colour(*colour))
                    error(*table.get("colour"), "\"colour\" in " + where + " must be \"#RRGGBB\"" +
                                                    " (six hex digits), not " + quote(*colour));
                category.colour = *colour;
            }
            if (const auto* zones = array_field(table, "zones", where, Need::optional)) {
                for (const toml::node& element : *zones) {
                    const auto* zone_id = element.as_string();
                    if (!zone_id) {
                        error(element, "\"zones\" in " + where +
                                           " must list zone ids as strings, not " +
                                           type_name(element));
                        continue;
                    }
                    const std::string& id = zone_id->get();
                    const Zone* zone = event.find_zone(id);
                    if (!zone) {
                        error(element,
                              where + " grants zone " + quote(id) + ", which is not a zone");
                        continue;
                    }
                    if (std::find(category.zones.begin(), category.zones.end(), id) !=
                        category.zones.end()) {
                        error(element, where + " lists zone " + quote(id) + " twice");
                        continue;
                    }
                    // The kiosk would refuse every holder with insufficient_clearance: a grant
                    // that can never be used is a mistake in the definition.
                    if (rank && zone->min_rank > category.rank)
                        error(element, where + " (rank " + std::to_string(category.rank) +
                                           ") grants zone " + quote(id) + ", which needs rank " +
                                           std::to_string(zone->min_rank));
                    category.zones.push_back(id);
                }
            }
            event.categories.push_back(std::move(category));
        }
    }

    // ---- [[gates]] -------------------------------------------------------------------------

    void parse_gates(const toml::table& root, EventDefinition& event) {
        const auto tables =
            table_array(root, "gates", "the top level", kMaxGates, "more than 1024 gates");
        std::map<std::string, Line> seen;
        for (std::size_t i = 0; i < tables.size(); ++i) {
            const toml::table& table = *tables[i];
            Gate gate;
            const auto peek_id = table.get_as<std::string>("id");
            const std::string where =
                describe("gate", peek_id ? std::optional(peek_id->get()) : std::nullopt, i);
            check_keys(table,
                       {"id", "name", "zone", "direction", "anti_passback", "passback_minutes",
                        "exit_mode"},
                       where);
            if (auto id = id_field(table, where, "gate")) {
                first_use(seen, *id, table, "gate");
                gate.id = *id;
            }
            gate.name = name_field(table, where);
            if (auto zone = string_field(table, "zone", where, Need::required)) {
                if (!event.find_zone(*zone))
                    error(*table.get("zone"),
                          where + " leads to zone " + quote(*zone) + ", which is not a zone");
                gate.zone = *zone;
            }
            if (auto direction = string_field(table, "direction", where, Need::required)) {
                if (*direction == "entry")
                    gate.direction = GateDirection::entry;
                else if (*direction == "exit")
                    gate.direction = GateDirection::exit;
                else
                    error(*table.get("direction"), "\"direction\" in " + where +
                                                       " must be \"entry\" or \"exit\", not " +
                                                       quote(*direction));
            }
            parse_anti_passback(table, where, gate);
            parse_exit_mode(table, where, gate);
            event.gates.push_back(std::move(gate));
        }
    }

    void parse_exit_mode(const toml::table& table, const std::string& where, Gate& gate) {
        const toml::node* node = table.get("exit_mode");
        if (!node) return;
        if (!node->is_boolean()) {
            error(*node, "\"exit_mode\" in " + where + " must be true or false");
            return;
        }
        gate.exit_mode = node->as_boolean()->get();
        if (gate.exit_mode && gate.direction == GateDirection::exit)
            error(*node, where + " is already an exit: exit_mode is for entry doors also used as "
                                 "a way out");
    }

    void parse_anti_passback(const toml::table& table, const std::string& where, Gate& gate) {
        // Entry gates default to hard anti-passback (fail safe); exits are always recorded and
        // never refused, so they have none.
        gate.anti_passback =
            gate.direction == GateDirection::entry ? AntiPassback::hard : AntiPassback::none;
        const auto mode = string_field(table, "anti_passback", where, Need::optional);
        bool mode_ok = !mode;
        if (mode) {
            const toml::node& node = *table.get("anti_passback");
            mode_ok = true;
            if (*mode == "none")
                gate.anti_passback = AntiPassback::none;
            else if (*mode == "soft")
                gate.anti_passback = AntiPassback::soft;
            else if (*mode == "hard")
                gate.anti_passback = AntiPassback::hard;
            else if (*mode == "timed")
                gate.anti_passback = AntiPassback::timed;
            else
                mode_ok = false;
            if (!mode_ok)
                error(node, "\"anti_passback\" in " + where +
                                " must be \"none\", \"soft\", \"hard\" or \"timed\", not " +
                                quote(*mode));
            else if (gate.direction == GateDirection::exit &&
                     gate.anti_passback != AntiPassback::none)
                error(node, where + " is an exit: exits are always recorded, so anti_passback "
                                    "can only be \"none\"");
        }
        const toml::node* minutes_node = table.get("passback_minutes");
        if (!mode_ok) return; // the mode is already reported; its minutes cannot be judged
        if (gate.anti_passback == AntiPassback::timed) {
            if (!minutes_node)
                error(table, where + " has anti_passback \"timed\" but no passback_minutes");
            else if (auto minutes = integer_field(table, "passback_minutes", where, Need::optional,
                                                  1, kMaxPassbackMinutes, "1..1440 (one day)"))
                gate.passback_minutes = static_cast<std::uint32_t>(*minutes);
        } else if (minutes_node) {
            error(*minutes_node, "\"passback_minutes\" in " + where +
                                     " applies only to anti_passback = \"timed\"");
        }
    }

    // ---- [[supervisors]] -------------------------------------------------------------------

    void parse_supervisors(const toml::table& root, EventDefinition& event) {
        const auto tables = table_array(root, "supervisors", "the top level", kMaxSupervisors,
                                        "more than 256 supervisors");
        std::map<std::string, Line> seen;
        for (std::size_t i = 0; i < tables.size(); ++i) {
            const toml::table& table = *tables[i];
            Supervisor supervisor;
            const auto peek_id = table.get_as<std::string>("id");
            const std::string where =
                describe("supervisor", peek_id ? std::optional(peek_id->get()) : std::nullopt, i);
            check_keys(table, {"id", "name", "pin_hash"}, where);
            if (auto id = id_field(table, where, "supervisor")) {
                first_use(seen, *id, table, "supervisor");
                supervisor.id = *id;
            }
            supervisor.name = name_field(table, where);
            if (auto hash = string_field(table, "pin_hash", where, Need::required)) {
                if (auto problem = pin_hash_problem(*hash); !problem.empty())
                    error(*table.get("pin_hash"), "\"pin_hash\" of " + where + " " + problem);
                supervisor.pin_hash = *hash;
            }
            event.supervisors.push_back(std::move(supervisor));
        }
    }

    std::string source_;
    std::vector<std::pair<Line, std::string>> errors_;
};

} // namespace

Outcome<EventDefinition> parse_event_toml(std::string_view toml_text,
                                          std::string_view source_name) {
    const std::string source(source_name.empty() ? "event.toml" : source_name);
    try {
        if (toml_text.size() > kMaxTextBytes)
            return Error{source + ":1: the file is larger than 1 MiB; an event definition is "
                                  "a few KiB"};
        toml::table root;
        try {
            root = toml::parse(toml_text, source_name);
        } catch (const toml::parse_error& e) {
            return Error{source + ":" + std::to_string(e.source().begin.line) +
                         ": TOML syntax error: " + std::string(e.description())};
        }
        Parser parser(source);
        EventDefinition event;
        parser.parse(root, event);
        if (parser.failed()) return Error{parser.message()};
        return event;
    } catch (const std::exception& e) {
        return Error{source + ": cannot read the event definition: " + e.what()};
    } catch (...) {
        return Error{source + ": cannot read the event definition (internal error)"};
    }
}

} // namespace accred
