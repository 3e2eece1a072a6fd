// When the event runs and when a zone is open, as UTC intervals. Pure: no clock is read here
// (the caller passes the time). Each function comes twice: taking the event's time zone already
// resolved (resolved_zone.h: no file, lock or global is touched; what the kiosk uses on every
// scan), or resolving event.time_zone itself on every call (convenient where calls are few).
//
// Every function fails closed: if the event's time zone cannot be loaded, or the event has no
// days, nothing is open and the event span is empty (start = INT64_MAX, end = INT64_MIN), so a
// kiosk without the zone file denies with zone_closed rather than guessing the local time.
#pragma once

#include "event/event_definition.h"
#include "event/resolved_zone.h"

#include <cstdint>
#include <optional>
#include <utility>

namespace accred {

// [start, end) in UTC seconds of the local calendar day `day` (00:00 to 24:00 local). 23 or 25
// hours long on days when the clocks change. {INT64_MAX, INT64_MIN} when it cannot be computed.
std::pair<std::int64_t, std::int64_t> day_span_utc(const EventDefinition& event, LocalDate day);
std::pair<std::int64_t, std::int64_t> day_span_utc(const ResolvedZone& tz, LocalDate day);

// 00:00 local on the event's first day, in UTC seconds; INT64_MAX when it cannot be computed.
std::int64_t event_start_utc(const EventDefinition& event);

// 24:00 local on the event's last day (exclusive end), in UTC seconds; INT64_MIN when it cannot
// be computed.
std::int64_t event_end_utc(const EventDefinition& event);

// True when `utc_seconds` falls within one of the event's days (which need not be consecutive)
// and, if `zone` has opening windows, within one of them (from inclusive, to exclusive). A zone
// without windows is open all day on every event day. Only `zone` itself is considered: whether
// its parent is open is the caller's concern (presence rules).
bool zone_open_at(const EventDefinition& event, const Zone& zone, std::int64_t utc_seconds);
// The same with event.time_zone resolved as `tz`.
bool zone_open_at(const EventDefinition& event, const ResolvedZone& tz, const Zone& zone,
                  std::int64_t utc_seconds);

// The first instant after utc_seconds at which zone opens (a window's start, or an event day's
// start for a zone without windows), in UTC seconds; nullopt when it opens no more during the
// event or the time zone is unresolved.
std::optional<std::int64_t> zone_next_opening(const EventDefinition& event, const ResolvedZone& tz,
                                              const Zone& zone, std::int64_t utc_seconds);

// The latest daily presence reset (EventDefinition::presence_reset, local time) at or before
// `utc_seconds`, in UTC seconds: an entry before it no longer counts as inside. On a day whose
// clocks skip the reset time it is the instant of the jump (local_to_utc's rule). INT64_MIN
// when the time zone cannot be loaded: presence then never ends, which only makes anti-passback
// stricter (and zone_open_at denies every entry anyway).
std::int64_t presence_reset_before(const EventDefinition& event, std::int64_t utc_seconds);
// The same with event.time_zone resolved as `tz`.
std::int64_t presence_reset_before(const EventDefinition& event, const ResolvedZone& tz,
                                   std::int64_t utc_seconds);

} // namespace accred
