// The POSIX TZ string at the end of a TZif file ("CET-1CEST,M3.5.0,M10.5.0/3"): the rule that
// gives a zone's offset for every time after the file's last explicit transition.
#pragma once

#include <cstdint>
#include <optional>
#include <string_view>
#include <vector>

namespace accred {

// A moment when a zone's UTC offset changes.
struct Transition {
    std::int64_t at = 0;           // UTC seconds
    std::int32_t offset_after = 0; // seconds east of UTC from `at` on
};

// One end of a daylight-saving period: which day of the year, and at what local time.
struct DstDateRule {
    enum class Kind {
        julian_no_leap, // "Jn": day 1..365, 29 February never counted
        zero_based,     // "n": day 0..365, 29 February counted
        month_week_day  // "Mm.w.d": weekday d (0 = Sunday) of week w (5 = last) of month m
    };
    Kind kind = Kind::month_week_day;
    int day = 0;   // n for the first two kinds
    int month = 0; // Mm.w.d
    int week = 0;
    int weekday = 0;
    std::int32_t time = 7200; // seconds after local midnight (may be negative or over 24 h)
};

class PosixTzRule {
  public:
    // Reads a POSIX TZ string as RFC 8536 allows in a TZif footer (including the version 3
    // extensions: hours -167..167 in rule times). A daylight-saving name without rules is refused
    // rather than guessed. nullopt for anything malformed or trailing.
    static std::optional<PosixTzRule> parse(std::string_view text);

    // The offset (seconds east of UTC) at `utc`.
    std::int32_t offset_at(std::int64_t utc) const;

    // Appends this rule's transitions during the Gregorian `year` (by the local date of the rule),
    // in time order. None when the rule has no daylight saving.
    void transitions_in_year(int year, std::vector<Transition>& out) const;

    std::int32_t standard_offset() const { return std_offset_; }
    bool has_dst() const { return has_dst_; }

  private:
    std::int32_t std_offset_ = 0;
    bool has_dst_ = false;
    std::int32_t dst_offset_ = 0;
    DstDateRule start_;
    DstDateRule end_;
};

} // namespace accred
