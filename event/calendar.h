// Dates and local minutes as the event code reads and writes them ("2014-03-31", "14:00"), and
// the calendar arithmetic on LocalDate, done by Howard Hinnant's date.h (proleptic Gregorian):
// the one place for date text in event/ (UTC instants: utc_time.h; zoned times: local_time.h).
#pragma once

#include "event/event_definition.h"

#include <cstdint>
#include <optional>
#include <string>
#include <string_view>

namespace accred {

// The years the event code accepts. Bounded so that day and second counts never overflow, and
// so that a typo such as "20144-03-31" is refused rather than silently accepted.
inline constexpr int kMinYear = 1970;
inline constexpr int kMaxYear = 2199;

// True when the year is within kMinYear..kMaxYear and the month and day exist in it.
bool is_valid_date(const LocalDate& date);

// Days from 1970-01-01 to `date` (negative before). `date` must be a valid calendar date
// (is_valid_date not required: any int year works, but month and day must be in range).
std::int64_t days_from_civil(const LocalDate& date);

// The date `days` after 1970-01-01. Inverse of days_from_civil.
LocalDate civil_from_days(std::int64_t days);

// 0 = Sunday .. 6 = Saturday (the POSIX TZ rule numbering).
int weekday(const LocalDate& date);

bool is_leap_year(int year);
int days_in_month(int year, int month);

// Reads exactly "YYYY-MM-DD"; nullopt for any other form or an invalid date (is_valid_date).
std::optional<LocalDate> parse_iso_date(std::string_view text);

// Formats as "YYYY-MM-DD".
std::string format_iso_date(const LocalDate& date);

// Reads exactly "HH:MM" as minutes after midnight, 00:00..23:59, and "24:00" (1440, the end of the
// day) only when `allow_end_of_day`. nullopt otherwise.
std::optional<LocalMinute> parse_hh_mm(std::string_view text, bool allow_end_of_day);

// Reads exactly two digits "00".."59" (the seconds of a time of day); nullopt otherwise.
std::optional<int> parse_ss(std::string_view text);

// Formats 0..1440 as "HH:MM" ("24:00" for 1440).
std::string format_hh_mm(LocalMinute minute);

} // namespace accred
