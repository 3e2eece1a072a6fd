#include "calendar.h"

#include <cstdio>

namespace accred {

bool is_leap_year(int year) {
    return (year % 4 == 0 && year % 100 != 0) || year % 400 == 0;
}

int days_in_month(int year, int month) {
    static constexpr int kDays[12] = {31, 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31};
    if (month < 1 || month > 12) return 0;
    return month == 2 && is_leap_year(year) ? 29 : kDays[month - 1];
}

bool is_valid_date(const LocalDate& date) {
    return date.year >= kMinYear && date.year <= kMaxYear && date.month >= 1 && date.month <= 12 &&
           date.day >= 1 && date.day <= days_in_month(date.year, date.month);
}

// Howard Hinnant's days_from_civil: exact for the whole proleptic Gregorian calendar, no tables.
std::int64_t days_from_civil(const LocalDate& date) {
    const std::int64_t y = static_cast<std::int64_t>(date.year) - (date.month <= 2 ? 1 : 0);
    const std::int64_t era = (y >= 0 ? y : y - 399) / 400;
    const std::int64_t yoe = y - era * 400;
    const std::int64_t m = date.month;
    const std::int64_t doy = (153 * (m > 2 ? m - 3 : m + 9) + 2) / 5 + date.day - 1;
    const std::int64_t doe = yoe * 365 + yoe / 4 - yoe / 100 + doy;
    return era * 146097 + doe - 719468;
}

LocalDate civil_from_days(std::int64_t days) {
    const std::int64_t z = days + 719468;
    const std::int64_t era = (z >= 0 ? z : z - 146096) / 146097;
    const std::int64_t doe = z - era * 146097;
    const std::int64_t yoe = (doe - doe / 1460 + doe / 36524 - doe / 146096) / 365;
    const std::int64_t doy = doe - (365 * yoe + yoe / 4 - yoe / 100);
    const std::int64_t mp = (5 * doy + 2) / 153;
    const std::int64_t d = doy - (153 * mp + 2) / 5 + 1;
    const std::int64_t m = mp < 10 ? mp + 3 : mp - 9;
    const std::int64_t y = yoe + era * 400 + (m <= 2 ? 1 : 0);
    return LocalDate{static_cast<int>(y), static_cast<int>(m), static_cast<int>(d)};
}

int weekday(const LocalDate& date) {
    // 1970-01-01 was a Thursday (4); the remainder is in -6..6, so +11 keeps it positive.
    return static_cast<int>((days_from_civil(date) % 7 + 11) % 7);
}

namespace {

// Reads `count` decimal digits at `text[at]`; -1 if any is not a digit.
int read_digits(std::string_view text, std::size_t at, std::size_t count) {
    int value = 0;
    for (std::size_t i = at; i < at + count; ++i) {
        if (text[i] < '0' || text[i] > '9') return -1;
        value = value * 10 + (text[i] - '0');
    }
    return value;
}

} // namespace

std::optional<LocalDate> parse_iso_date(std::string_view text) {
    if (text.size() != 10 || text[4] != '-' || text[7] != '-') return std::nullopt;
    const LocalDate date{read_digits(text, 0, 4), read_digits(text, 5, 2), read_digits(text, 8, 2)};
    if (!is_valid_date(date)) return std::nullopt;
    return date;
}

std::string format_iso_date(const LocalDate& date) {
    char buffer[32];
    std::snprintf(buffer, sizeof buffer, "%04d-%02d-%02d", date.year, date.month, date.day);
    return buffer;
}

std::optional<LocalMinute> parse_hh_mm(std::string_view text, bool allow_end_of_day) {
    if (text.size() != 5 || text[2] != ':') return std::nullopt;
    const int hours = read_digits(text, 0, 2);
    const int minutes = read_digits(text, 3, 2);
    if (hours < 0 || minutes < 0 || minutes > 59) return std::nullopt;
    if (hours == 24 && minutes == 0 && allow_end_of_day) return 1440;
    if (hours > 23) return std::nullopt;
    return hours * 60 + minutes;
}

std::string format_hh_mm(LocalMinute minute) {
    char buffer[16];
    std::snprintf(buffer, sizeof buffer, "%02d:%02d", minute / 60, minute % 60);
    return buffer;
}

} // namespace accred
