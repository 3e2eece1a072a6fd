#include "utc_time.h"

#include <chrono>
#include <date/date.h>

namespace accred {

namespace {

// The last second with a four-digit year, as ISO 8601 writes them (9999-12-31T23:59:59Z).
constexpr std::int64_t kLastFormattable = 253402300799;

} // namespace

std::string format_utc_time(std::uint64_t seconds) {
    // Beyond the year 9999 the plain count, which parse_moment reads back.
    if (seconds > static_cast<std::uint64_t>(kLastFormattable)) return std::to_string(seconds);
    const date::sys_seconds t{std::chrono::seconds{static_cast<std::int64_t>(seconds)}};
    return date::format("%FT%TZ", t);
}

} // namespace accred
