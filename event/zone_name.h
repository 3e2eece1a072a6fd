// Which time-zone names the event code will look up. A zone name comes from the event file, which
// an attacker may have written, so it is checked before it reaches the tz database or a path.
#pragma once

#include <string_view>

namespace accred {

// Where Debian's tzdata package installs the zones (date/tz reads the same directory).
inline constexpr const char* kZoneInfoDir = "/usr/share/zoneinfo";

// True for a name that can only denote a file inside the zone directory: components of
// [A-Za-z0-9_+-] separated by single '/', no leading '/', no "." or "..", at most 64 characters,
// and not one of the non-zone files there ("localtime", "posixrules", ...). A name that passes
// may still be refused by resolve_zone (resolved_zone.h), e.g. the leap-second "right/" zones.
bool is_valid_zone_name(std::string_view name);

} // namespace accred
