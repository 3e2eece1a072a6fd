#include "utc_time.h"

#include <charconv>
#include <chrono>
#include <date/date.h>
#include <sstream>

namespace accred {

namespace {

// The last second with a four-digit year, as ISO 8601 writes them (9999-12-31T23:59:59Z).
constexpr std::int64_t kLastFormattable = 253402300799;

} // namespace

Outcome<std::uint64_t> parse_utc_time(const std::string& text) {
    std::uint64_t seconds = 0;
    const char* end = text.data() + text.size();
    if (auto [p, ec] = std::from_chars(text.data(), end, seconds); ec == std::errc() && p == end)
        return seconds;
    const Error bad{"\"" + text +
                    "\" is not a UTC time: use seconds since 1970 or 2014-04-01T08:00:00Z"};
    if (text.size() > 32) return bad;
    // date::parse checks the fields (no 30 February, no 24:00:00); the stream must then be
    // exhausted, so that trailing junk is refused.
    std::istringstream in(text);
    date::sys_seconds t;
    in >> date::parse("%Y-%m-%dT%H:%M:%SZ", t);
    if (in.fail() || in.peek() != std::char_traits<char>::eof()) return bad;
    if (t.time_since_epoch().count() < 0) return Error{"\"" + text + "\" is before 1970"};
    return static_cast<std::uint64_t>(t.time_since_epoch().count());
}

std::string format_utc_time(std::uint64_t seconds) {
    // Beyond the year 9999 the plain count, which parse_utc_time reads back.
    if (seconds > static_cast<std::uint64_t>(kLastFormattable)) return std::to_string(seconds);
    const date::sys_seconds t{std::chrono::seconds{static_cast<std::int64_t>(seconds)}};
    return date::format("%FT%TZ", t);
}

} // namespace accred
