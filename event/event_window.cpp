#include "event_window.h"

#include "event/calendar.h"
#include "event/local_time.h"

#include <algorithm>
#include <limits>

namespace accred {

namespace {

constexpr std::int64_t kNever = std::numeric_limits<std::int64_t>::max();
constexpr std::int64_t kAlways = std::numeric_limits<std::int64_t>::min();

// [from, to) local on `day` in UTC; an empty interval when it cannot be computed.
std::pair<std::int64_t, std::int64_t> span_utc(const ResolvedZone& tz, LocalDate day,
                                               LocalMinute from, LocalMinute to) {
    const auto start = local_to_utc(tz, day, from);
    const auto end = local_to_utc(tz, day, to);
    if (!start || !end) return {kNever, kAlways};
    return {*start, *end};
}

bool contains(const std::pair<std::int64_t, std::int64_t>& span, std::int64_t t) {
    return t >= span.first && t < span.second;
}

} // namespace

std::pair<std::int64_t, std::int64_t> day_span_utc(const ResolvedZone& tz, LocalDate day) {
    return span_utc(tz, day, 0, 1440);
}

std::pair<std::int64_t, std::int64_t> day_span_utc(const EventDefinition& event, LocalDate day) {
    return day_span_utc(ResolvedZone::resolve_or_unknown(event.time_zone), day);
}

std::int64_t event_start_utc(const EventDefinition& event) {
    if (event.days.empty()) return kNever;
    return day_span_utc(event, event.days.front()).first;
}

std::int64_t event_end_utc(const EventDefinition& event) {
    if (event.days.empty()) return kAlways;
    return day_span_utc(event, event.days.back()).second;
}

bool zone_open_at(const EventDefinition& event, const Zone& zone, std::int64_t utc_seconds) {
    return zone_open_at(event, ResolvedZone::resolve_or_unknown(event.time_zone), zone,
                        utc_seconds);
}

bool zone_open_at(const EventDefinition& event, const ResolvedZone& tz, const Zone& zone,
                  std::int64_t utc_seconds) {
    for (const LocalDate& day : event.days) {
        if (!contains(day_span_utc(tz, day), utc_seconds)) continue;
        if (zone.windows.empty()) return true;
        // A window on a day that is not an event day never opens the zone (the parser refuses
        // such windows; this guards definitions built in code).
        const bool open =
            std::any_of(zone.windows.begin(), zone.windows.end(), [&](const OpeningWindow& w) {
                return w.day == day && contains(span_utc(tz, day, w.from, w.to), utc_seconds);
            });
        if (open) return true;
    }
    return false;
}

std::optional<std::int64_t> zone_next_opening(const EventDefinition& event, const ResolvedZone& tz,
                                              const Zone& zone, std::int64_t utc_seconds) {
    std::optional<std::int64_t> next;
    auto consider = [&](std::pair<std::int64_t, std::int64_t> span) {
        // An empty span (an unresolved zone) never opens.
        if (span.first < span.second && span.first > utc_seconds && (!next || span.first < *next))
            next = span.first;
    };
    for (const LocalDate& day : event.days) {
        if (zone.windows.empty()) consider(day_span_utc(tz, day));
        for (const OpeningWindow& w : zone.windows)
            if (w.day == day) consider(span_utc(tz, day, w.from, w.to));
    }
    return next;
}

std::int64_t presence_reset_before(const EventDefinition& event, std::int64_t utc_seconds) {
    return presence_reset_before(event, ResolvedZone::resolve_or_unknown(event.time_zone),
                                 utc_seconds);
}

std::int64_t presence_reset_before(const EventDefinition& event, const ResolvedZone& tz,
                                   std::int64_t utc_seconds) {
    constexpr std::int64_t kUnknown = std::numeric_limits<std::int64_t>::min();
    const auto local = utc_to_local(tz, utc_seconds);
    if (!local) return kUnknown;
    // Today's reset, or yesterday's when today's is still ahead (00:00 to 03:59 by default).
    for (std::int64_t back = 0; back <= 1; ++back) {
        const LocalDate day = civil_from_days(days_from_civil(local->date) - back);
        const auto reset = local_to_utc(tz, day, event.presence_reset);
        if (!reset) return kUnknown;
        if (*reset <= utc_seconds) return *reset;
    }
    return kUnknown; // not reached: yesterday's reset is always before today's time
}

} // namespace accred
