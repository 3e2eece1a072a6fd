#include "event_toml.h"

#include "event/badge_fields.h"
#include "event/calendar.h"
#include "event/event_fields.h"
#include "event/pin_hash_check.h"
#include "event/resolved_zone.h"
#include "event/toml_reader.h"

#include <algorithm>
#include <exception>
#include <map>
#include <optional>
#include <string>
#include <utility>
#include <vector>

namespace accred {

namespace {

using namespace event_file;

// Bounds. Zone and category codes travel in credentials as one byte, hence 256. The others are
// far above any real event and only keep a mistaken or hostile file from growing without limit.
constexpr std::size_t kMaxTextBytes = 1024 * 1024;
constexpr std::size_t kMaxZones = 256;
constexpr std::size_t kMaxCategories = 256;
constexpr std::size_t kMaxGates = 1024;
constexpr std::size_t kMaxSupervisors = 256;
constexpr std::size_t kMaxDays = 366;
constexpr std::size_t kMaxWindowsPerZone = 512;
constexpr std::int64_t kMaxRank = 100;
constexpr std::int64_t kMaxCapacity = 1000000;
constexpr std::int64_t kMaxRevocationAgeMinutes = 7 * 24 * 60;
constexpr std::int64_t kMaxPassbackMinutes = 24 * 60;

using Line = TomlLine;

// The event's schema over the generic reader: which tables and keys exist, what each holds, and
// the checks across them (references, loops, overlaps).
class Parser : private TomlReader {
  public:
    explicit Parser(std::string source) : TomlReader(std::move(source)) {}
    using TomlReader::failed;
    using TomlReader::message;

    void parse(const toml::table& root, EventDefinition& event) {
        check_keys(root, {"event", "zones", "categories", "gates", "supervisors"}, "the top level");
        parse_event(root, event);
        parse_zones(root, event);
        parse_categories(root, event);
        parse_gates(root, event);
        parse_supervisors(root, event);
    }

  private:
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
                    "presence_reset", "logo"},
                   where);
        if (auto id = string_field(*table, "id", where, Need::required)) {
            if (!is_event_id(*id))
                error(*table->get("id"),
                      "event id " + quote(*id) +
                          " must be 1 to 32 characters of A-Z, a-z, 0-9, '.', '_' and '-'");
            event.id = *id;
        }
        event.name = name_field(*this, *table, where);
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
                auto day = date_value(*this, element, "event day");
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
            if (auto reset = time_field(*this, *table, "presence_reset", where, false))
                event.presence_reset = *reset;
        event.logo = logo_field(*this, *table);
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
            check_keys(table,
                       {"id", "name", "parent", "min_rank", "capacity", "windows", "badge_mark",
                        "name_fr", "name_nl"},
                       where);
            if (auto id = id_field(*this, table, where, "zone")) {
                first_use(*this, seen, *id, table, "zone");
                zone.id = *id;
            }
            zone.name = name_field(*this, table, where);
            translated_names(*this, table, where, zone.name_fr, zone.name_nl);
            zone.parent = string_field(table, "parent", where, Need::optional);
            parent_lines.push_back(zone.parent ? table.get("parent")->source().begin.line : 0);
            if (auto rank =
                    integer_field(table, "min_rank", where, Need::optional, 0, kMaxRank, "0..100"))
                zone.min_rank = static_cast<std::uint32_t>(*rank);
            if (auto capacity = integer_field(table, "capacity", where, Need::optional, 1,
                                              kMaxCapacity, "1..1000000"))
                zone.capacity = static_cast<std::uint32_t>(*capacity);
            parse_windows(table, where, event, zone);
            zone.badge_mark = badge_mark_field(*this, table, where);
            event.zones.push_back(std::move(zone));
        }
        check_parents(event, parent_lines);
        check_badge_marks(*this, event, tables);
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
                day = date_value(*this, *node, "window day");
                if (day &&
                    std::find(event.days.begin(), event.days.end(), *day) == event.days.end()) {
                    error(*node, "window day " + format_iso_date(*day) + " of " + where +
                                     " is not one of the event days");
                    day.reset();
                }
            }
            const auto from = time_field(*this, w, "from", window_where, false);
            const auto to = time_field(*this, w, "to", window_where, true);
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
            check_keys(table, {"id", "name", "rank", "colour", "zones", "name_fr", "name_nl"},
                       where);
            if (auto id = id_field(*this, table, where, "category")) {
                first_use(*this, seen, *id, table, "category");
                category.id = *id;
            }
            category.name = name_field(*this, table, where);
            translated_names(*this, table, where, category.name_fr, category.name_nl);
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
                        "exit_mode", "name_fr", "name_nl", "manual_lookup"},
                       where);
            if (auto id = id_field(*this, table, where, "gate")) {
                first_use(*this, seen, *id, table, "gate");
                gate.id = *id;
            }
            gate.name = name_field(*this, table, where);
            translated_names(*this, table, where, gate.name_fr, gate.name_nl);
            if (auto zone = string_field(table, "zone", where, Need::required)) {
                if (!event.find_zone(*zone))
                    error(*table.get("zone"),
                          where + " leads to zone " + quote(*zone) + ", which is not a zone");
                gate.zone = *zone;
            }
            if (auto direction = string_field(table, "direction", where, Need::required)) {
                if (auto known = direction_from_name(*direction))
                    gate.direction = *known;
                else
                    error(*table.get("direction"), "\"direction\" in " + where +
                                                       " must be \"entry\" or \"exit\", not " +
                                                       quote(*direction));
            }
            parse_anti_passback(table, where, gate);
            parse_exit_mode(table, where, gate);
            parse_manual_lookup(table, where, gate);
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
        if (gate.exit_mode && gate.direction == Direction::exit)
            error(*node, where + " is already an exit: exit_mode is for entry doors also used as "
                                 "a way out");
    }

    void parse_manual_lookup(const toml::table& table, const std::string& where, Gate& gate) {
        const auto mode = string_field(table, "manual_lookup", where, Need::optional);
        if (!mode) return; // a supervisor's PIN, the default
        if (auto known = manual_lookup_from_name(*mode))
            gate.manual_lookup = *known;
        else
            error(*table.get("manual_lookup"), "\"manual_lookup\" in " + where +
                                                   " must be \"pin\", \"open\" or \"off\", not " +
                                                   quote(*mode));
    }

    void parse_anti_passback(const toml::table& table, const std::string& where, Gate& gate) {
        // Entry gates default to hard anti-passback (fail safe); exits are always recorded and
        // never refused, so they have none.
        gate.anti_passback =
            gate.direction == Direction::entry ? AntiPassback::hard : AntiPassback::none;
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
            else if (gate.direction == Direction::exit &&
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
            if (auto id = id_field(*this, table, where, "supervisor")) {
                first_use(*this, seen, *id, table, "supervisor");
                supervisor.id = *id;
            }
            supervisor.name = name_field(*this, table, where);
            if (auto hash = string_field(table, "pin_hash", where, Need::required)) {
                if (auto problem = pin_hash_problem(*hash); !problem.empty())
                    error(*table.get("pin_hash"), "\"pin_hash\" of " + where + " " + problem);
                supervisor.pin_hash = *hash;
            }
            event.supervisors.push_back(std::move(supervisor));
        }
    }
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
