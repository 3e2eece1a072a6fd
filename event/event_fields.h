// The kinds of value the event definition holds (ids, display names, dates, times of day), read
// from its TOML with the generic TomlReader, which collects every mistake. Internal to event/:
// event_toml.cpp is the schema that says where each appears.
#pragma once

#include "event/event_definition.h"
#include "event/toml_reader.h"

#include <cstddef>
#include <map>
#include <optional>
#include <string>
#include <string_view>

// Internal to event/: a namespace of its own keeps these generic names (quote, describe, ...)
// apart from the rest of accred.
namespace accred::event_file {

// An id of zones, categories, gates and supervisors: [a-z0-9_]{1,32}.
bool is_id(std::string_view id);

// The event's own id (the credential's iss): [A-Za-z0-9._-]{1,32}.
bool is_event_id(std::string_view id);

// A badge colour "#RRGGBB".
bool is_colour(std::string_view colour);

// A display name at "name": present, not blank, at most 128 bytes, no control characters.
// Reports what is wrong; returns what was read ("" when nothing was).
std::string name_field(TomlReader& in, const toml::table& table, const std::string& where);

// The optional "name_fr" and "name_nl" (the screen's French and Dutch; "" when absent), checked
// as name_field checks "name".
void translated_names(TomlReader& in, const toml::table& table, const std::string& where,
                      std::string& name_fr, std::string& name_nl);

// The id at "id", required; reports one that is not is_id (and returns it all the same), `what`
// naming the kind ("zone").
std::optional<std::string> id_field(TomlReader& in, const toml::table& table,
                                    const std::string& where, const char* what);

// A calendar date written "YYYY-MM-DD" (a string) or as a TOML date (2014-03-31, unquoted),
// within calendar.h's years; `what` starts the message ("event day").
std::optional<LocalDate> date_value(TomlReader& in, const toml::node& node,
                                    const std::string& what);

// A required time of day "HH:MM" at `key`; "24:00" only when `allow_end_of_day`.
std::optional<LocalMinute> time_field(TomlReader& in, const toml::table& table,
                                      std::string_view key, const std::string& where,
                                      bool allow_end_of_day);

// Records the line on which `id` is first used in `seen`; reports a second use (false).
bool first_use(TomlReader& in, std::map<std::string, TomlLine>& seen, const std::string& id,
               const toml::table& table, const char* what);

// How messages name an entry: `what` and its id ("zone \"hall\""), or its position ("zone #3")
// when it has none.
std::string describe(const char* what, const std::optional<std::string>& id, std::size_t index);

} // namespace accred::event_file
