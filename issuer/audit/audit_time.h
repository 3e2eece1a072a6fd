// Times as the audit shows and reads them: always in the event's time zone with the offset.
#pragma once

#include "crypto/outcome.h"
#include "event/resolved_zone.h"

#include <cstdint>
#include <string>

namespace accred {

// "2014-04-01 14:00:05 +02:00": utc in zone tz, to the second, never without the offset.
std::string format_audit_time(const ResolvedZone& tz, std::int64_t utc);
// The same, resolving the zone named tz on each call (for a time or two, not for every row).
std::string format_audit_time(const std::string& tz, std::int64_t utc);

// Reads a time typed by a reviewer: "2014-04-01T12:00:05Z" or seconds (UTC), an explicit offset
// "2014-04-01T14:00+02:00", or a local time in the event's zone "2014-04-01 14:00[:05]" (also with
// 'T'). Refuses anything else, naming what was typed.
Outcome<std::int64_t> parse_audit_time(const ResolvedZone& tz, const std::string& text);
// The same, resolving the zone named tz.
Outcome<std::int64_t> parse_audit_time(const std::string& tz, const std::string& text);

} // namespace accred
