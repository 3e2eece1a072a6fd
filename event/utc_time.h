// UTC times as the desk writes them ("2014-04-01T08:00:00Z"); reading any typed time, UTC or
// not, is moment_text.h's one parser.
#pragma once

#include <cstdint>
#include <string>

namespace accred {

// Formats as "2014-04-01T08:00:00Z".
std::string format_utc_time(std::uint64_t seconds);

} // namespace accred
