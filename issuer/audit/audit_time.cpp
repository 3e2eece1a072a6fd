#include "audit_time.h"

#include "event/calendar.h"
#include "event/local_time.h"
#include "event/utc_time.h"

#include <string_view>

namespace accred {

std::string format_audit_time(const ResolvedZone& tz, std::int64_t utc) {
    // Without the zone, still true rather than nothing: the UTC instant with "+00:00".
    return format_utc_as_local_seconds(tz, utc).value_or(std::to_string(utc));
}

std::string format_audit_time(const std::string& tz, std::int64_t utc) {
    return format_audit_time(ResolvedZone::resolve_or_unknown(tz), utc);
}

Outcome<std::int64_t> parse_audit_time(const ResolvedZone& tz, const std::string& text) {
    const Error bad{"'" + text.substr(0, 64) +
                    "' is not a time: use 2014-04-01T12:00:00Z (UTC), 2014-04-01T14:00+02:00, or "
                    "'2014-04-01 14:00' (local time of the event)"};
    if (text.size() > 40) return bad;
    if (auto utc = parse_utc_time(text)) return static_cast<std::int64_t>(utc.value());
    // YYYY-MM-DD[T ]HH:MM[:SS][(+|-)HH:MM], each part read by calendar.h's strict parsers.
    const std::string_view all(text);
    if (all.size() < 16 || (all[10] != 'T' && all[10] != ' ')) return bad;
    const auto date = parse_iso_date(all.substr(0, 10));
    const auto minute = parse_hh_mm(all.substr(11, 5), false);
    std::string_view rest = all.substr(16);
    std::optional<int> second = 0;
    if (!rest.empty() && rest[0] == ':') {
        second = parse_ss(rest.substr(1, 2));
        rest.remove_prefix(std::min<std::size_t>(rest.size(), 3));
    }
    if (!date || !minute || !second) return bad;
    if (rest.empty()) {
        const auto at = local_to_utc(tz, *date, *minute);
        if (!at) return bad;
        return *at + *second;
    }
    // An explicit offset: the zone is not needed. At most 14 hours (Kiribati's +14:00).
    const auto offset = parse_hh_mm(rest.substr(1), false);
    if ((rest[0] != '+' && rest[0] != '-') || !offset || *offset > 14 * 60 + 59) return bad;
    const std::int64_t local =
        days_from_civil(*date) * 86400 + std::int64_t{*minute} * 60 + *second;
    return local - (rest[0] == '-' ? -1 : 1) * std::int64_t{*offset} * 60;
}

Outcome<std::int64_t> parse_audit_time(const std::string& tz, const std::string& text) {
    return parse_audit_time(ResolvedZone::resolve_or_unknown(tz), text);
}

} // namespace accred
