#include "calendar.h"

#include <cstdio>
#include <date/date.h>

namespace accred {

namespace {

// date::year holds -32767..32767. The Gregorian calendar repeats every 400 years (146,097 days,
// whole weeks), so a year outside that range is moved into it by whole cycles, and back.
constexpr std::int64_t kCycleDays = 146097;

std::int64_t floor_div(std::int64_t a, std::int64_t b) {
    return a / b - ((a % b != 0 && (a < 0) != (b < 0)) ? 1 : 0);
}

// `year` moved by whole cycles into 2000..2399.
int in_range(int year) {
    return static_cast<int>(year - floor_div(year, 400) * 400) + 2000;
}

date::year_month_day to_ymd(const LocalDate& d) {
    return date::year{d.year} / date::month{static_cast<unsigned>(d.month)} /
           date::day{static_cast<unsigned>(d.day)};
}

} // namespace

bool is_leap_year(int year) {
    return date::year{in_range(year)}.is_leap();
}

int days_in_month(int year, int month) {
    if (month < 1 || month > 12) return 0;
    const auto last =
        date::year{in_range(year)} / date::month{static_cast<unsigned>(month)} / date::last;
    return static_cast<int>(static_cast<unsigned>(last.day()));
}

bool is_valid_date(const LocalDate& date) {
    return date.year >= kMinYear && date.year <= kMaxYear && date.month >= 1 && date.month <= 12 &&
           date.day >= 1 && to_ymd(date).ok();
}

std::int64_t days_from_civil(const LocalDate& date) {
    const std::int64_t cycles = floor_div(std::int64_t{date.year} - 1970, 400);
    LocalDate shifted = date;
    shifted.year = static_cast<int>(date.year - cycles * 400);
    const date::sys_days days{to_ymd(shifted)};
    return days.time_since_epoch().count() + cycles * kCycleDays;
}

LocalDate civil_from_days(std::int64_t days) {
    const std::int64_t cycles = floor_div(days, kCycleDays);
    const date::year_month_day ymd{
        date::sys_days{date::days{static_cast<int>(days - cycles * kCycleDays)}}};
    // The year wraps for |days| beyond about 10^11 (INT64 seconds), as any int year would.
    return LocalDate{static_cast<int>(static_cast<int>(ymd.year()) + cycles * 400),
                     static_cast<int>(static_cast<unsigned>(ymd.month())),
                     static_cast<int>(static_cast<unsigned>(ymd.day()))};
}

int weekday(const LocalDate& date) {
    // Weeks repeat every 7 days: the remainder names the same weekday, near 1970.
    const auto day = static_cast<int>(days_from_civil(date) % 7);
    return static_cast<int>(date::weekday{date::sys_days{date::days{day}}}.c_encoding());
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

// Checked by shape first (date::parse would take "2014-3-31" and leading signs), then by date.h.
std::optional<LocalDate> parse_iso_date(std::string_view text) {
    if (text.size() != 10 || text[4] != '-' || text[7] != '-') return std::nullopt;
    const LocalDate date{read_digits(text, 0, 4), read_digits(text, 5, 2), read_digits(text, 8, 2)};
    if (!is_valid_date(date)) return std::nullopt;
    return date;
}

std::string format_iso_date(const LocalDate& date) {
    if (date.year >= 0 && date.year <= 9999 && to_ymd(date).ok())
        return date::format("%F", date::sys_days{to_ymd(date)});
    // Not a date date.h formats as ISO 8601 (only reached for times tens of centuries away).
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

std::optional<int> parse_ss(std::string_view text) {
    if (text.size() != 2) return std::nullopt;
    const int seconds = read_digits(text, 0, 2);
    if (seconds < 0 || seconds > 59) return std::nullopt;
    return seconds;
}

std::string format_hh_mm(LocalMinute minute) {
    char buffer[16];
    std::snprintf(buffer, sizeof buffer, "%02d:%02d", minute / 60, minute % 60);
    return buffer;
}

} // namespace accred
