// An IANA time zone read from its TZif file (RFC 8536), with no library beyond libc.
//
// Why not setenv("TZ") + tzset + localtime_r/mktime? TZ is process-global: changing it while the
// kiosk's other threads (camera, UI) call getenv or localtime is undefined behaviour in glibc,
// a mutex of ours cannot cover their calls, and mktime's handling of skipped and repeated local
// times is not specified. Reading the file ourselves is about 300 lines, has no global state
// except an immutable cache, and gives one documented rule for those local times.
#pragma once

#include "crypto/outcome.h"
#include "event/posix_tz_rule.h"

#include <cstdint>
#include <memory>
#include <optional>
#include <span>
#include <string>
#include <string_view>
#include <vector>

namespace accred {

// Where Debian's tzdata package installs the zones.
inline constexpr const char* kZoneInfoDir = "/usr/share/zoneinfo";

class TimeZone {
  public:
    // Reads a TZif file of version 2 or later, strictly and within fixed bounds: the 64-bit data
    // block and the footer rule are used; a version 1 file, a file with leap-second records
    // (the "right/" zones, whose clock is not POSIX time), or any inconsistency is refused.
    static Outcome<TimeZone> from_tzif(std::span<const std::uint8_t> bytes);

    // The offset from UTC, in seconds east, at the UTC instant `utc`.
    std::int32_t offset_at(std::int64_t utc) const;

    // The UTC instant for a local wall-clock time given as seconds since 1970-01-01 00:00 of the
    // local calendar. Rule: the EARLIEST instant at which the local clock shows `local` or later.
    // So a time repeated when clocks go back (2014-10-26 02:30 in Brussels) gives its first
    // occurrence (summer time), and a time skipped when clocks go forward (2014-03-30 02:30)
    // gives the instant of the jump (03:00 summer time = 01:00 UTC). Monotonic in `local`.
    std::int64_t local_to_utc(std::int64_t local) const;

  private:
    // Offset changes with `from <= at < to`, in order, from the table and then the footer rule.
    std::vector<Transition> transitions_between(std::int64_t from, std::int64_t to) const;

    std::int32_t initial_offset_ = 0;     // before the first transition (time type 0)
    std::vector<Transition> transitions_; // strictly ascending
    std::optional<PosixTzRule> footer_;   // for every time from the last transition on
};

// True for a name that can only denote a file inside the zone directory: components of
// [A-Za-z0-9_+-] separated by single '/', no leading '/', no "." or "..", at most 64 characters,
// and not one of the non-zone files there ("localtime", "posixrules", ...).
bool is_valid_zone_name(std::string_view name);

// Reads the zone `name` from `zoneinfo_dir`: the name must pass is_valid_zone_name and denote a
// regular file (symbolic links such as UTC -> Etc/UTC are followed) of at most 256 KiB.
Outcome<TimeZone> load_time_zone(const std::string& name,
                                 const std::string& zoneinfo_dir = kZoneInfoDir);

// load_time_zone from kZoneInfoDir, remembered for the life of the process (thread-safe), so a
// kiosk reads each zone file once. nullptr when the zone cannot be loaded (not remembered: a
// later call tries again).
std::shared_ptr<const TimeZone> shared_time_zone(const std::string& name);

} // namespace accred
