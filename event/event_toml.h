// Reads the event definition that the accreditation desk writes by hand (event.toml; the schema
// is in assets/demo/README.md, with assets/demo/event.toml as the worked example).
#pragma once

#include "crypto/outcome.h"
#include "event/event_definition.h"

#include <string_view>

namespace accred {

// Parses and checks `toml_text`; `source_name` (usually the file name) starts every message.
// On any mistake returns an Error listing each one as "SOURCE:LINE: plain reason", one per line,
// in line order (at most 30, then a count of the rest): TOML syntax, unknown keys (with a
// suggestion for a likely typo), missing required keys, wrong types, bad or duplicate ids,
// unknown zone references, cycles among zone parents, bad dates, windows, colours, ranks,
// counts, time zone, PIN hashes. Zone and category codes are their positions in the file.
// Looks the time zone up in the system's tz database (resolved_zone.h) to check it; reads
// nothing else.
// Never throws.
Outcome<EventDefinition> parse_event_toml(std::string_view toml_text, std::string_view source_name);

} // namespace accred
