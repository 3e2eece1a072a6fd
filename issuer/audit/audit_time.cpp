#include "audit_time.h"

#include "event/local_time.h"
#include "event/utc_time.h"

#include <cstdio>
#include <string_view>

namespace accred {

std::string format_audit_time(const std::string& tz, std::int64_t utc) {
    const auto local = utc_to_local(tz, utc);
    char buffer[48];
    if (!local) { // still true, rather than nothing: the UTC instant with its offset
        const auto u = utc_to_local("UTC", utc);
        if (!u) return std::to_string(utc);
        std::snprintf(buffer, sizeof buffer, "%04d-%02d-%02d %02d:%02d:%02d +00:00", u->date.year,
                      u->date.month, u->date.day, u->minute / 60, u->minute % 60,
                      static_cast<int>(((utc % 60) + 60) % 60));
        return buffer;
    }
    const int offset = local->utc_offset_minutes;
    const int abs_offset = offset < 0 ? -offset : offset;
    // Zone offsets are whole minutes, so the local second equals the UTC second.
    std::snprintf(buffer, sizeof buffer, "%04d-%02d-%02d %02d:%02d:%02d %c%02d:%02d",
                  local->date.year, local->date.month, local->date.day, local->minute / 60,
                  local->minute % 60, static_cast<int>(((utc % 60) + 60) % 60),
                  offset < 0 ? '-' : '+', abs_offset / 60, abs_offset % 60);
    return buffer;
}

namespace {

// Reads exactly n digits of text at pos (advancing it), or -1.
int digits(const std::string& text, std::size_t& pos, int n) {
    int v = 0;
    for (int i = 0; i < n; ++i, ++pos) {
        if (pos >= text.size() || text[pos] < '0' || text[pos] > '9') return -1;
        v = v * 10 + (text[pos] - '0');
    }
    return v;
}

bool expect(const std::string& text, std::size_t& pos, const char* one_of) {
    if (pos >= text.size() || std::string_view(one_of).find(text[pos]) == std::string_view::npos)
        return false;
    ++pos;
    return true;
}

} // namespace

Outcome<std::int64_t> parse_audit_time(const std::string& tz, const std::string& text) {
    const Error bad{"'" + text.substr(0, 64) +
                    "' is not a time: use 2014-04-01T12:00:00Z (UTC), 2014-04-01T14:00+02:00, or "
                    "'2014-04-01 14:00' (local time of the event)"};
    if (text.size() > 40) return bad;
    if (auto utc = parse_utc_time(text)) return static_cast<std::int64_t>(utc.value());
    // YYYY-MM-DD[T ]HH:MM[:SS][(+|-)HH:MM], read by hand: strict and bounded.
    std::size_t pos = 0;
    const int year = digits(text, pos, 4);
    const int month = expect(text, pos, "-") ? digits(text, pos, 2) : -1;
    const int day = expect(text, pos, "-") ? digits(text, pos, 2) : -1;
    const int hour = expect(text, pos, "T ") ? digits(text, pos, 2) : -1;
    const int minute = expect(text, pos, ":") ? digits(text, pos, 2) : -1;
    int second = 0;
    if (pos < text.size() && text[pos] == ':') {
        ++pos;
        second = digits(text, pos, 2);
    }
    int sign = 0;
    int off_h = 0;
    int off_m = 0;
    if (pos < text.size() && (text[pos] == '+' || text[pos] == '-')) {
        sign = text[pos++] == '-' ? -1 : 1;
        off_h = digits(text, pos, 2);
        off_m = expect(text, pos, ":") ? digits(text, pos, 2) : -1;
    }
    if (pos != text.size() || year < 0 || month < 0 || day < 0 || hour < 0 || hour > 23 ||
        minute < 0 || minute > 59 || second < 0 || second > 59 || off_h < 0 || off_h > 14 ||
        off_m < 0 || off_m > 59)
        return bad;
    const LocalDate date{year, month, day};
    if (sign != 0) {
        const auto midnight = local_to_utc("UTC", date, 0);
        if (!midnight) return bad;
        return *midnight + hour * 3600 + minute * 60 + second - sign * (off_h * 3600 + off_m * 60);
    }
    const auto at = local_to_utc(tz, date, hour * 60 + minute);
    if (!at) return bad;
    return *at + second;
}

} // namespace accred
