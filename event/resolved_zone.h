// An IANA time zone looked up once in the system's tz database (Howard Hinnant's date/tz over
// /usr/share/zoneinfo, package tzdata) and then used as an immutable value: cheap to copy, safe to
// read from several threads, and never touching a file, a lock or a global again. Callers that
// convert often (the kiosk on every scan, the audit on every row) resolve the event's zone once
// and pass it down.
//
// Why not setenv("TZ") + tzset + localtime_r/mktime? TZ is process-global: changing it while the
// kiosk's other threads (camera, UI) call getenv or localtime is undefined behaviour in glibc,
// and mktime's handling of skipped and repeated local times is not specified.
#pragma once

#include "crypto/outcome.h"

#include <cstdint>
#include <memory>
#include <optional>
#include <string>
#include <string_view>

namespace date {
class time_zone;
}
namespace Posix {
class time_zone;
}

namespace accred {

class ResolvedZone {
  public:
    // A zone that could not be resolved: every query answers nullopt, so that nothing guesses
    // local time (the event code then fails closed: nothing is open).
    ResolvedZone() = default;

    // Looks `name` up: it must pass is_valid_zone_name (zone_name.h), must not be a leap-second
    // "right/" zone (their clock is not POSIX time, which credentials and kiosks count in) nor a
    // "posix/" copy, and must be in the database. Loads the zone's data now, so that later
    // queries cannot fail for want of it. Thread-safe; never throws.
    static Outcome<ResolvedZone> resolve(std::string_view name);

    // resolve, or an unresolved zone when that fails.
    static ResolvedZone resolve_or_unknown(std::string_view name);

    bool known() const { return zone_ != nullptr; }
    const std::string& name() const { return name_; }

    // The offset from UTC, in seconds east, at the UTC instant `utc`. nullopt for an unresolved
    // zone, or past the zone file's table when its footer rule is one date/tz cannot read.
    std::optional<std::int32_t> offset_at(std::int64_t utc) const;

    // The UTC instant for a local wall-clock time given as seconds since 1970-01-01 00:00 of the
    // local calendar. Rule: the EARLIEST instant at which the local clock shows `local` or later.
    // So a time repeated when clocks go back (2014-10-26 02:30 in Brussels) gives its first
    // occurrence (summer time), and a time skipped when clocks go forward (2014-03-30 02:30)
    // gives the instant of the jump (03:00 summer time = 01:00 UTC). Monotonic in `local`.
    // nullopt when offset_at would be.
    std::optional<std::int64_t> local_to_utc(std::int64_t local) const;

  private:
    struct Stretch; // an interval of constant offset
    std::optional<Stretch> stretch_at(std::int64_t utc) const;

    std::string name_;
    const date::time_zone* zone_ =
        nullptr; // in date's database, which lives as long as the process
    // date/tz (with the system's files) knows only the files' tables of transitions, which end in
    // 2037; later times follow the POSIX TZ rule at the end of the file ("CET-1CEST,M3.5.0,..."),
    // read with date's ptz.h. table_end_ is where the rule takes over.
    std::shared_ptr<const Posix::time_zone> footer_;
    bool footer_unreadable_ = false; // a rule that ptz.h refuses: nothing known past the table
    std::int64_t table_end_ = 0;
};

} // namespace accred
