// UTC times as people and scripts type them: seconds since 1970, or ISO 8601 ending in Z.
#pragma once

#include "crypto/outcome.h"

#include <cstdint>
#include <string>

namespace accred {

// Parses "1396339200" or "2014-04-01T08:00:00Z" (UTC only: a bare local time is refused,
// because a credential's times are UTC and a wrong zone would shift validity by hours).
Outcome<std::uint64_t> parse_utc_time(const std::string& text);

// Formats as "2014-04-01T08:00:00Z".
std::string format_utc_time(std::uint64_t seconds);

} // namespace accred
