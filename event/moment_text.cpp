#include "moment_text.h"

#include "event/calendar.h"

#include <charconv>
#include <optional>
#include <string_view>

namespace accred {

namespace {

constexpr const char* kForms =
    "use 2014-03-31T06:00:00Z (UTC), 2014-03-31T08:00:00+02:00 (an offset), or "
    "'2014-03-31 08:00' (local time of the event)";

Error refuse(const std::string& text, const std::string& why) {
    return Error{"'" + text.substr(0, 64) + "' is not a time: " + why};
}

// Seconds since 1970, all digits (what format_utc_time writes past the year 9999 too).
std::optional<std::int64_t> read_seconds(std::string_view s) {
    std::int64_t v = 0;
    const auto [p, ec] = std::from_chars(s.data(), s.data() + s.size(), v);
    if (ec != std::errc() || p != s.data() + s.size() || v < 0) return std::nullopt;
    return v;
}

// "Z", "+HH:MM" or "-HH:MM": seconds east of UTC; nullopt for anything else.
std::optional<std::int64_t> read_offset(std::string_view s) {
    if (s == "Z") return 0;
    if (s.size() != 6 || (s[0] != '+' && s[0] != '-')) return std::nullopt;
    const auto minutes = parse_hh_mm(s.substr(1), false);
    if (!minutes) return std::nullopt;
    return (s[0] == '-' ? -60 : 60) * std::int64_t{*minutes};
}

struct Clock {
    std::int64_t local = 0;  // seconds since 1970-01-01 00:00 of the calendar as written
    std::string_view suffix; // what follows the time: "", "Z" or an offset
};

// "YYYY-MM-DD[T ]HH:MM[:SS]..." with each part checked, the refusal naming the part.
Outcome<Clock> read_clock(const std::string& text) {
    const std::string_view all(text);
    if (all.size() < 16 || (all[10] != 'T' && all[10] != ' ') || all[4] != '-' || all[13] != ':')
        return refuse(text, kForms);
    const auto date = parse_iso_date(all.substr(0, 10));
    if (!date)
        return refuse(text, std::string(all.substr(0, 10)) +
                                " is not a date (YYYY-MM-DD, a day that exists, years " +
                                std::to_string(kMinYear) + "-" + std::to_string(kMaxYear) + ")");
    const auto minute = parse_hh_mm(all.substr(11, 5), false);
    if (!minute)
        return refuse(text, std::string(all.substr(11, 5)) + " is not a time of day (00:00-23:59)");
    std::string_view rest = all.substr(16);
    int second = 0;
    if (!rest.empty() && rest[0] == ':') {
        const auto ss = parse_ss(rest.substr(1, 2));
        if (!ss || rest.size() < 3) return refuse(text, "the seconds must be two digits 00-59");
        second = *ss;
        rest.remove_prefix(3);
    }
    return Clock{days_from_civil(*date) * 86400 + std::int64_t{*minute} * 60 + second, rest};
}

Outcome<std::int64_t> parse(const ResolvedZone* zone, const std::string& text) {
    if (text.empty()) return Error{"an empty time: " + std::string(kForms)};
    if (text.size() > 40) return refuse(text, "too long; " + std::string(kForms));
    if (auto seconds = read_seconds(text)) return *seconds;
    auto clock = read_clock(text);
    if (!clock) return clock.error();
    if (clock->suffix.empty()) {
        if (!zone || !zone->known())
            return refuse(text, "a local time needs the event's time zone; here add Z (UTC) or "
                                "an offset such as +02:00");
        const auto utc = zone->local_to_utc(clock->local);
        if (!utc) return refuse(text, "the time zone " + zone->name() + " cannot place it");
        return *utc;
    }
    const auto offset = read_offset(clock->suffix);
    if (!offset)
        return refuse(text, "'" + std::string(clock->suffix) +
                                "' after the time is neither Z nor an offset such as +02:00");
    if (*offset > 14 * 3600 || *offset < -14 * 3600)
        return refuse(text, "an offset is at most 14 hours from UTC");
    const std::int64_t utc = clock->local - *offset;
    if (utc < 0) return refuse(text, "it is before 1970");
    return utc;
}

} // namespace

Outcome<std::int64_t> parse_moment(const ResolvedZone& zone, const std::string& text) {
    return parse(&zone, text);
}

Outcome<std::int64_t> parse_moment(const std::string& text) {
    return parse(nullptr, text);
}

} // namespace accred
