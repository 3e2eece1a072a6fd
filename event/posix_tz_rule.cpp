#include "posix_tz_rule.h"

#include "event/calendar.h"

#include <algorithm>
#include <cstddef>

namespace accred {

namespace {

// A cursor over the TZ string. Every reader returns false on malformed input and then the whole
// parse fails, so a partly understood rule is never used.
class Reader {
  public:
    explicit Reader(std::string_view text) : text_(text) {}
    bool at_end() const { return pos_ == text_.size(); }
    char peek() const { return at_end() ? '\0' : text_[pos_]; }
    bool accept(char c) {
        if (peek() != c || at_end()) return false;
        ++pos_;
        return true;
    }

    // A zone abbreviation: 3 or more letters, or <...> of 3 or more letters, digits, '+', '-'.
    bool name() {
        std::size_t length = 0;
        if (accept('<')) {
            while (!at_end() && is_quoted_name_char(peek())) {
                ++pos_;
                ++length;
            }
            return length >= 3 && accept('>');
        }
        while (!at_end() && is_letter(peek())) {
            ++pos_;
            ++length;
        }
        return length >= 3;
    }

    // An unsigned number of 1..max_digits digits.
    bool number(int max_digits, int& value) {
        int digits = 0;
        value = 0;
        while (!at_end() && peek() >= '0' && peek() <= '9') {
            if (++digits > max_digits) return false;
            value = value * 10 + (peek() - '0');
            ++pos_;
        }
        return digits > 0;
    }

    // [+-]hh[:mm[:ss]] with hours up to max_hours; in seconds, signed as written.
    bool duration(int max_hours, std::int32_t& seconds) {
        int sign = 1;
        if (accept('-'))
            sign = -1;
        else
            accept('+');
        int hours = 0;
        int minutes = 0;
        int secs = 0;
        if (!number(3, hours) || hours > max_hours) return false;
        if (accept(':')) {
            if (!number(2, minutes) || minutes > 59) return false;
            if (accept(':') && (!number(2, secs) || secs > 59)) return false;
        }
        seconds = sign * (hours * 3600 + minutes * 60 + secs);
        return true;
    }

    bool date_rule(DstDateRule& rule) {
        if (accept('J')) {
            rule.kind = DstDateRule::Kind::julian_no_leap;
            if (!number(3, rule.day) || rule.day < 1 || rule.day > 365) return false;
        } else if (accept('M')) {
            rule.kind = DstDateRule::Kind::month_week_day;
            if (!number(2, rule.month) || rule.month < 1 || rule.month > 12) return false;
            if (!accept('.') || !number(1, rule.week) || rule.week < 1 || rule.week > 5)
                return false;
            if (!accept('.') || !number(1, rule.weekday) || rule.weekday > 6) return false;
        } else {
            rule.kind = DstDateRule::Kind::zero_based;
            if (!number(3, rule.day) || rule.day > 365) return false;
        }
        rule.time = 7200; // POSIX default: 02:00 local
        // RFC 8536 section 3.3.1 extends the hours to -167..167.
        if (accept('/') && !duration(167, rule.time)) return false;
        return true;
    }

  private:
    static bool is_letter(char c) { return (c >= 'A' && c <= 'Z') || (c >= 'a' && c <= 'z'); }
    static bool is_quoted_name_char(char c) {
        return is_letter(c) || (c >= '0' && c <= '9') || c == '+' || c == '-';
    }

    std::string_view text_;
    std::size_t pos_ = 0;
};

// The day of the year (0 = 1 January) on which `rule` falls in `year`.
int day_of_year(const DstDateRule& rule, int year) {
    switch (rule.kind) {
    case DstDateRule::Kind::julian_no_leap:
        return rule.day - 1 + (is_leap_year(year) && rule.day >= 60 ? 1 : 0);
    case DstDateRule::Kind::zero_based:
        // Day 365 exists only in leap years; elsewhere it is the last day, as zic intends.
        return std::min(rule.day, is_leap_year(year) ? 365 : 364);
    case DstDateRule::Kind::month_week_day:
        break;
    }
    const LocalDate first{year, rule.month, 1};
    int day = 1 + (rule.weekday - weekday(first) + 7) % 7 + (rule.week - 1) * 7;
    while (day > days_in_month(year, rule.month))
        day -= 7;
    return static_cast<int>(days_from_civil(LocalDate{year, rule.month, day}) -
                            days_from_civil(LocalDate{year, 1, 1}));
}

std::int64_t floor_div(std::int64_t a, std::int64_t b) {
    return a / b - ((a % b != 0 && (a < 0) != (b < 0)) ? 1 : 0);
}

} // namespace

std::optional<PosixTzRule> PosixTzRule::parse(std::string_view text) {
    Reader reader(text);
    PosixTzRule rule;
    std::int32_t west = 0;
    // POSIX offsets count hours west of Greenwich: "CET-1" is one hour east.
    if (!reader.name() || !reader.duration(24, west)) return std::nullopt;
    rule.std_offset_ = -west;
    if (reader.at_end()) return rule;

    if (!reader.name()) return std::nullopt;
    rule.has_dst_ = true;
    rule.dst_offset_ = rule.std_offset_ + 3600;
    if (reader.peek() != ',') {
        if (!reader.duration(24, west)) return std::nullopt;
        rule.dst_offset_ = -west;
    }
    // A TZif footer must say when daylight saving starts and ends; POSIX's implementation-defined
    // default (the United States rules of some year) is not something to guess at a gate.
    if (!reader.accept(',') || !reader.date_rule(rule.start_)) return std::nullopt;
    if (!reader.accept(',') || !reader.date_rule(rule.end_)) return std::nullopt;
    if (!reader.at_end()) return std::nullopt;
    return rule;
}

void PosixTzRule::transitions_in_year(int year, std::vector<Transition>& out) const {
    if (!has_dst_) return;
    const std::int64_t year_start = days_from_civil(LocalDate{year, 1, 1}) * 86400;
    // The start time is read on the standard-time clock and the end time on the summer clock.
    const Transition start{year_start + std::int64_t{day_of_year(start_, year)} * 86400 +
                               start_.time - std_offset_,
                           dst_offset_};
    const Transition end{year_start + std::int64_t{day_of_year(end_, year)} * 86400 + end_.time -
                             dst_offset_,
                         std_offset_};
    if (start.at <= end.at) {
        out.push_back(start);
        out.push_back(end);
    } else { // southern hemisphere: summer time spans the new year
        out.push_back(end);
        out.push_back(start);
    }
}

std::int32_t PosixTzRule::offset_at(std::int64_t utc) const {
    if (!has_dst_) return std_offset_;
    const int year = civil_from_days(floor_div(utc, 86400)).year;
    std::vector<Transition> transitions;
    for (int y = year - 1; y <= year + 1; ++y)
        transitions_in_year(y, transitions);
    // Rule times may reach 167 hours, so neighbouring years' transitions can interleave.
    std::stable_sort(transitions.begin(), transitions.end(),
                     [](const Transition& a, const Transition& b) { return a.at < b.at; });
    std::int32_t offset = std_offset_;
    for (const Transition& t : transitions) {
        if (t.at > utc) break;
        offset = t.offset_after;
    }
    return offset;
}

} // namespace accred
