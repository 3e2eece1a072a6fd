#include "local_time.h"

#include "event/calendar.h"
#include "event/time_zone.h"

#include <cstdio>
#include <cstdlib>

namespace accred {

namespace {

std::int64_t floor_div(std::int64_t a, std::int64_t b) {
    return a / b - ((a % b != 0 && (a < 0) != (b < 0)) ? 1 : 0);
}

LocalDateTime split(std::int64_t utc, std::int32_t offset) {
    const std::int64_t local = utc + offset;
    const std::int64_t days = floor_div(local, 86400);
    LocalDateTime out;
    out.date = civil_from_days(days);
    out.minute = static_cast<LocalMinute>((local - days * 86400) / 60);
    out.utc_offset_minutes = offset / 60;
    return out;
}

} // namespace

std::optional<std::int64_t> local_to_utc(const std::string& tz, LocalDate date,
                                         LocalMinute minute) {
    if (!is_valid_date(date) || minute < 0 || minute > 1440) return std::nullopt;
    const auto zone = shared_time_zone(tz);
    if (!zone) return std::nullopt;
    return zone->local_to_utc(days_from_civil(date) * 86400 + std::int64_t{minute} * 60);
}

std::optional<LocalDateTime> utc_to_local(const std::string& tz, std::int64_t utc) {
    // About 35,000 years either way: far beyond any clock we will read, and small enough that
    // no year or second count below can overflow.
    constexpr std::int64_t kLimit = std::int64_t{1} << 40;
    if (utc < -kLimit || utc > kLimit) return std::nullopt;
    const auto zone = shared_time_zone(tz);
    if (!zone) return std::nullopt;
    return split(utc, zone->offset_at(utc));
}

std::string format_local(const LocalDateTime& local) {
    const int offset = std::abs(local.utc_offset_minutes);
    char buffer[64];
    std::snprintf(buffer, sizeof buffer, "%s %s %c%02d:%02d", format_iso_date(local.date).c_str(),
                  format_hh_mm(local.minute).c_str(), local.utc_offset_minutes < 0 ? '-' : '+',
                  offset / 60, offset % 60);
    return buffer;
}

std::string format_utc_as_local(const std::string& tz, std::int64_t utc) {
    if (auto local = utc_to_local(tz, utc)) return format_local(*local);
    return format_local(split(utc, 0));
}

} // namespace accred
