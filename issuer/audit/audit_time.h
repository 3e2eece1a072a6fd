// Times as the audit shows them: always in the event's time zone with the offset (the audit reads
// typed times with moment_text.h's parser, as every command does).
#pragma once

#include "event/resolved_zone.h"

#include <cstdint>
#include <string>

namespace accred {

// "2014-04-01 14:00:05 +02:00": utc in zone tz, to the second, never without the offset.
std::string format_audit_time(const ResolvedZone& tz, std::int64_t utc);
// The same, resolving the zone named tz on each call (for a time or two, not for every row).
std::string format_audit_time(const std::string& tz, std::int64_t utc);

} // namespace accred
