#include "utc_time.h"

#include <charconv>
#include <cstdio>
#include <ctime>

namespace accred {

Outcome<std::uint64_t> parse_utc_time(const std::string& text) {
    std::uint64_t seconds = 0;
    const char* end = text.data() + text.size();
    if (auto [p, ec] = std::from_chars(text.data(), end, seconds); ec == std::errc() && p == end)
        return seconds;
    int y = 0, mo = 0, d = 0, h = 0, mi = 0, s = 0;
    char z = 0;
    int consumed = 0;
    if (std::sscanf(text.c_str(), "%4d-%2d-%2dT%2d:%2d:%2d%c%n", &y, &mo, &d, &h, &mi, &s, &z,
                    &consumed) != 7 ||
        z != 'Z' || static_cast<std::size_t>(consumed) != text.size() || y < 1970 || mo < 1 ||
        mo > 12 || d < 1 || d > 31 || h > 23 || mi > 59 || s > 59)
        return Error{"\"" + text +
                     "\" is not a UTC time: use seconds since 1970 or 2014-04-01T08:00:00Z"};
    std::tm tm{};
    tm.tm_year = y - 1900;
    tm.tm_mon = mo - 1;
    tm.tm_mday = d;
    tm.tm_hour = h;
    tm.tm_min = mi;
    tm.tm_sec = s;
    const std::time_t t = timegm(&tm);
    if (t < 0 || tm.tm_mday != d) return Error{"\"" + text + "\" is not a real date"};
    return static_cast<std::uint64_t>(t);
}

std::string format_utc_time(std::uint64_t seconds) {
    const auto t = static_cast<std::time_t>(seconds);
    std::tm tm{};
    gmtime_r(&t, &tm);
    char buffer[32];
    std::strftime(buffer, sizeof buffer, "%Y-%m-%dT%H:%M:%SZ", &tm);
    return buffer;
}

} // namespace accred
