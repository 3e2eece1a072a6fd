// The event definition's fields for printed badges (a zone's badge_mark, the event's logo), read
// from its TOML. Internal to event/, like event_fields.h; event_toml.cpp says where they appear.
#pragma once

#include "event/event_definition.h"
#include "event/toml_reader.h"

#include <string>
#include <vector>

namespace accred::event_file {

// A zone's optional "badge_mark": 1 to 4 ASCII letters or digits ("1", "P", "HLS"), short enough
// to read in a box a few millimetres wide. Reports anything else; "" when absent or wrong.
std::string badge_mark_field(TomlReader& in, const toml::table& table, const std::string& where);

// Reports a zone whose printed mark (badge_mark_of) repeats an earlier zone's: a guard reading
// the badge could not tell the two apart. zone_tables: the [[zones]] tables in file order.
void check_badge_marks(TomlReader& in, const EventDefinition& event,
                       const std::vector<const toml::table*>& zone_tables);

// The event's optional "logo": a relative path (to the event file) of a .png, .jpg or .jpeg
// file, 1 to 255 bytes without control characters. Only the name is checked here; the file
// itself is read and checked by the desk (issuer/event_logo.h). "" when absent or wrong.
std::string logo_field(TomlReader& in, const toml::table& table);

} // namespace accred::event_file
