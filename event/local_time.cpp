#include "local_time.h"

#include "event/calendar.h"

#include <cstdio>
#include <cstdlib>

namespace accred {

namespace {

// About 35,000 years either way: far beyond any clock we will read, and small enough that no
// year or second count below can overflow.
constexpr std::int64_t kLimit = std::int64_t{1} << 40;

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

std::optional<std::int64_t> local_to_utc(const ResolvedZone& zone, LocalDate date,
                                         LocalMinute minute) {
    if (!is_valid_date(date) || minute < 0 || minute > 1440) return std::nullopt;
    return zone.local_to_utc(days_from_civil(date) * 86400 + std::int64_t{minute} * 60);
}

std::optional<std::int64_t> local_to_utc(const std::string& tz, LocalDate date,
                                         LocalMinute minute) {
    if (!is_valid_date(date) || minute < 0 || minute > 1440) return std::nullopt;
    return local_to_utc(ResolvedZone::resolve_or_unknown(tz), date, minute);
}

std::optional<LocalDateTime> utc_to_local(const ResolvedZone& zone, std::int64_t utc) {
    if (utc < -kLimit || utc > kLimit) return std::nullopt;
    const auto offset = zone.offset_at(utc);
    if (!offset) return std::nullopt;
    return split(utc, *offset);
}

std::optional<LocalDateTime> utc_to_local(const std::string& tz, std::int64_t utc) {
    if (utc < -kLimit || utc > kLimit) return std::nullopt;
    return utc_to_local(ResolvedZone::resolve_or_unknown(tz), utc);
}

std::string format_local(const LocalDateTime& local) {
    const int offset = std::abs(local.utc_offset_minutes);
    char buffer[64];
    std::snprintf(buffer, sizeof buffer, "%s %s %c%02d:%02d", format_iso_date(local.date).c_str(),
                  format_hh_mm(local.minute).c_str(), local.utc_offset_minutes < 0 ? '-' : '+',
                  offset / 60, offset % 60);
    return buffer;
}

std::string format_utc_as_local(const ResolvedZone& zone, std::int64_t utc) {
    if (auto local = utc_to_local(zone, utc)) return format_local(*local);
    return format_local(split(utc, 0));
}

std::optional<std::string> format_utc_as_local_seconds(const ResolvedZone& zone, std::int64_t utc) {
    if (utc < -kLimit || utc > kLimit) return std::nullopt;
    const auto local = utc_to_local(zone, utc);
    std::string text = format_local(local ? *local : split(utc, 0));
    const auto second = static_cast<int>(((utc % 60) + 60) % 60);
    text.insert(text.find(' ') + 6,
                (second < 10 ? ":0" : ":") + std::to_string(second)); // after HH:MM
    return text;
}

std::string format_utc_as_local(const std::string& tz, std::int64_t utc) {
    return format_utc_as_local(ResolvedZone::resolve_or_unknown(tz), utc);
}

} // namespace accred
