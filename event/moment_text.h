// The one syntax for a moment typed by a person, used by every command that takes a time (the
// desk's and kiosk's --now, the audit's --from/--to, the web desk's forms): so that a time
// copied from one command's output or from the event programme works in every other.
#pragma once

#include "crypto/outcome.h"
#include "event/resolved_zone.h"

#include <cstdint>
#include <string>

namespace accred {

// Reads a moment, in any of these forms:
//   1396339200                    seconds since 1970 (UTC)
//   2014-03-31T06:00:00Z          UTC
//   2014-03-31T08:00:00+02:00     an explicit offset from UTC (at most 14 hours; seconds optional)
//   2014-03-31T08:00[:SS]         local time in `zone`, the event's time zone ('T' or a space)
//   2014-03-31 08:00[:SS]
// A local time skipped or repeated by a clock change is read as local_time.h says (the earliest
// instant at which the clock shows that time or later). With an unresolved zone (no event, as
// for `issuer sign`), a local time is refused with a message saying to add Z or an offset.
// Every refusal names what was typed and what is wrong with it.
Outcome<std::int64_t> parse_moment(const ResolvedZone& zone, const std::string& text);

// The same without an event: UTC, seconds or an explicit offset only.
Outcome<std::int64_t> parse_moment(const std::string& text);

} // namespace accred
