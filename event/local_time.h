// Conversions between UTC seconds (credentials, logs, the kiosk clock) and the event's local
// calendar (days and zone windows), for an IANA zone from /usr/share/zoneinfo (package tzdata).
//
// Implementation: Howard Hinnant's date/tz over the system's files, through ResolvedZone
// (resolved_zone.h; see there why not setenv("TZ") + mktime). The functions taking a zone name
// resolve it on every call (validating the name, looking it up, reading the file's footer);
// callers converting often resolve the zone once and use the overloads taking a ResolvedZone,
// which touch no file, lock or global.
#pragma once

#include "event/event_definition.h"
#include "event/resolved_zone.h"

#include <cstdint>
#include <optional>
#include <string>

namespace accred {

struct LocalDateTime {
    LocalDate date;
    LocalMinute minute = 0;     // 0..1439
    int utc_offset_minutes = 0; // east of UTC: +120 for CEST (truncated if the offset has seconds)
    bool operator==(const LocalDateTime&) const = default;
};

// The UTC instant (seconds since 1970) at which the local clock in zone `tz` shows `minute`
// (0..1440; 1440 is midnight at the end of `date`) on `date`.
// Skipped and repeated local times are resolved by one rule, the earliest instant at which the
// local clock shows that time or later:
//   - repeated (clocks go back, 2014-10-26 02:30 Brussels): the FIRST occurrence, in summer time
//     (00:30 UTC);
//   - skipped (clocks go forward, 2014-03-30 02:30 Brussels): the instant of the jump, when the
//     clock reads 03:00 summer time (01:00 UTC). A window "02:30-04:00" on that day thus opens
//     at 03:00 local, and a window ending at 02:30 ends at the jump.
// nullopt when the zone cannot be loaded, the date is not valid (calendar.h) or minute is out of
// range.
std::optional<std::int64_t> local_to_utc(const std::string& tz, LocalDate date, LocalMinute minute);
// The same in an already resolved zone (nullopt when it is unresolved).
std::optional<std::int64_t> local_to_utc(const ResolvedZone& zone, LocalDate date,
                                         LocalMinute minute);

// The local date, minute and offset in zone `tz` at the UTC instant `utc`.
// nullopt when the zone cannot be loaded (the caller must then not guess local time) or `utc` is
// absurd (beyond about 35,000 years from 1970).
std::optional<LocalDateTime> utc_to_local(const std::string& tz, std::int64_t utc);
// The same in an already resolved zone (nullopt when it is unresolved).
std::optional<LocalDateTime> utc_to_local(const ResolvedZone& zone, std::int64_t utc);

// "2014-04-01 14:00 +02:00".
std::string format_local(const LocalDateTime& local);

// `utc` shown in zone `tz` as format_local does. When the zone cannot be loaded the UTC instant
// is shown with "+00:00", which is still true, rather than nothing.
std::string format_utc_as_local(const std::string& tz, std::int64_t utc);
// The same in an already resolved zone ("+00:00" when it is unresolved).
std::string format_utc_as_local(const ResolvedZone& zone, std::int64_t utc);

// format_utc_as_local to the second: "2014-04-01 14:00:05 +02:00" (offsets are whole minutes,
// so the local second is the UTC second), or the UTC instant with "+00:00" when the zone is
// unresolved. nullopt only when `utc` is absurd (utc_to_local's bound).
std::optional<std::string> format_utc_as_local_seconds(const ResolvedZone& zone, std::int64_t utc);

} // namespace accred
