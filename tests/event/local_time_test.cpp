#include "event/calendar.h"
#include "event/local_time.h"
#include "event/zone_name.h"

#include <catch2/catch.hpp>
#include <cstdint>
#include <string>
#include <vector>

using namespace accred;

namespace {

const std::string kBrussels = "Europe/Brussels";

// UTC seconds of "YYYY-MM-DD HH:MM" read as UTC, so that the expectations below read as times.
std::int64_t utc(const std::string& text) {
    const auto date = parse_iso_date(text.substr(0, 10));
    const auto minute = parse_hh_mm(text.substr(11, 5), false);
    REQUIRE(date);
    REQUIRE(minute);
    return days_from_civil(*date) * 86400 + std::int64_t{*minute} * 60;
}

// local_to_utc for "YYYY-MM-DD HH:MM" local.
std::optional<std::int64_t> local(const std::string& tz, const std::string& text) {
    const auto date = parse_iso_date(text.substr(0, 10));
    const auto minute = parse_hh_mm(text.substr(11, 5), true);
    REQUIRE(date);
    REQUIRE(minute);
    return local_to_utc(tz, *date, *minute);
}

std::string shown(const std::string& tz, std::int64_t t) {
    const auto l = utc_to_local(tz, t);
    REQUIRE(l);
    return format_local(*l);
}

} // namespace

TEST_CASE("Calendar arithmetic", "[time]") {
    CHECK(days_from_civil({1970, 1, 1}) == 0);
    CHECK(days_from_civil({2014, 3, 31}) == 16160);
    CHECK(civil_from_days(16160) == LocalDate{2014, 3, 31});
    CHECK(civil_from_days(-1) == LocalDate{1969, 12, 31});
    CHECK(weekday({2014, 3, 30}) == 0); // a Sunday
    CHECK(weekday({1970, 1, 1}) == 4);
    CHECK(weekday({1969, 12, 28}) == 0);
    for (std::int64_t d = -800000; d < 800000; d += 997)
        CHECK(days_from_civil(civil_from_days(d)) == d);
    CHECK(parse_iso_date("2016-02-29") == LocalDate{2016, 2, 29});
    CHECK_FALSE(parse_iso_date("2014-02-29"));
    CHECK_FALSE(parse_iso_date("2014-3-31"));
    CHECK_FALSE(parse_iso_date("2014-03-31 "));
    CHECK_FALSE(parse_iso_date("+014-03-31"));
    CHECK(parse_hh_mm("00:00", false) == 0);
    CHECK(parse_hh_mm("23:59", false) == 1439);
    CHECK(parse_hh_mm("24:00", true) == 1440);
    CHECK_FALSE(parse_hh_mm("24:00", false));
    CHECK_FALSE(parse_hh_mm("24:01", true));
    CHECK_FALSE(parse_hh_mm("12:60", true));
    CHECK_FALSE(parse_hh_mm("7:30", true));
    CHECK(format_hh_mm(1440) == "24:00");
}

TEST_CASE("Brussels during the conference is UTC+2", "[time]") {
    CHECK(local(kBrussels, "2014-04-01 14:00") == utc("2014-04-01 12:00"));
    CHECK(local(kBrussels, "2014-03-31 00:00") == utc("2014-03-30 22:00"));
    CHECK(local(kBrussels, "2014-03-31 24:00") == utc("2014-03-31 22:00"));
    CHECK(local(kBrussels, "2014-04-01 14:00") == 1396353600);
    CHECK(shown(kBrussels, utc("2014-04-01 12:00")) == "2014-04-01 14:00 +02:00");
    CHECK(shown(kBrussels, utc("2014-03-30 22:00")) == "2014-03-31 00:00 +02:00");
    const auto l = utc_to_local(kBrussels, utc("2014-04-01 12:00") + 59);
    REQUIRE(l);
    CHECK(*l == LocalDateTime{{2014, 4, 1}, 14 * 60, 120});
}

TEST_CASE("Brussels spring forward, 2014-03-30 01:00 UTC: 02:00 CET -> 03:00 CEST", "[time]") {
    CHECK(shown(kBrussels, utc("2014-03-30 00:59")) == "2014-03-30 01:59 +01:00");
    CHECK(shown(kBrussels, utc("2014-03-30 00:59") + 59) == "2014-03-30 01:59 +01:00");
    CHECK(shown(kBrussels, utc("2014-03-30 01:00")) == "2014-03-30 03:00 +02:00");
    CHECK(local(kBrussels, "2014-03-30 01:59") == utc("2014-03-30 00:59"));
    CHECK(local(kBrussels, "2014-03-30 03:00") == utc("2014-03-30 01:00"));
    CHECK(local(kBrussels, "2014-03-30 03:01") == utc("2014-03-30 01:01"));
    // 02:00-02:59 never happen that day: they map to the jump itself, 03:00 CEST.
    CHECK(local(kBrussels, "2014-03-30 02:00") == utc("2014-03-30 01:00"));
    CHECK(local(kBrussels, "2014-03-30 02:30") == utc("2014-03-30 01:00"));
    CHECK(local(kBrussels, "2014-03-30 02:59") == utc("2014-03-30 01:00"));
    // The day is 23 hours long.
    CHECK(*local(kBrussels, "2014-03-30 24:00") - *local(kBrussels, "2014-03-30 00:00") ==
          23 * 3600);
    CHECK(local(kBrussels, "2014-03-30 00:00") == utc("2014-03-29 23:00"));
}

TEST_CASE("Brussels fall back, 2014-10-26 01:00 UTC: 03:00 CEST -> 02:00 CET", "[time]") {
    CHECK(shown(kBrussels, utc("2014-10-26 00:30")) == "2014-10-26 02:30 +02:00");
    CHECK(shown(kBrussels, utc("2014-10-26 00:59")) == "2014-10-26 02:59 +02:00");
    CHECK(shown(kBrussels, utc("2014-10-26 01:00")) == "2014-10-26 02:00 +01:00");
    CHECK(shown(kBrussels, utc("2014-10-26 01:30")) == "2014-10-26 02:30 +01:00");
    // 02:00-02:59 happen twice: the first occurrence (summer time) is chosen.
    CHECK(local(kBrussels, "2014-10-26 02:00") == utc("2014-10-26 00:00"));
    CHECK(local(kBrussels, "2014-10-26 02:30") == utc("2014-10-26 00:30"));
    CHECK(local(kBrussels, "2014-10-26 03:00") == utc("2014-10-26 02:00"));
    CHECK(local(kBrussels, "2014-10-26 01:59") == utc("2014-10-25 23:59"));
    CHECK(*local(kBrussels, "2014-10-26 24:00") - *local(kBrussels, "2014-10-26 00:00") ==
          25 * 3600);
}

TEST_CASE("Local to UTC is monotonic through both changes", "[time]") {
    for (const char* day : {"2014-03-30", "2014-10-26"}) {
        std::int64_t previous = 0;
        for (int minute = 0; minute <= 1440; ++minute) {
            const auto t = local_to_utc(kBrussels, *parse_iso_date(day), minute);
            REQUIRE(t);
            CHECK(*t >= previous);
            previous = *t;
            // Every instant found shows the asked time, or (in the gap) the first time after it.
            const auto back = utc_to_local(kBrussels, *t);
            REQUIRE(back);
            if (minute < 1440) CHECK(back->minute >= minute);
        }
    }
}

TEST_CASE("Times past the zone file's table use its footer rule", "[time]") {
    // Debian's files list transitions up to 2037; later ones come from
    // "CET-1CEST,M3.5.0,M10.5.0/3".
    CHECK(shown(kBrussels, utc("2100-03-28 00:59")) == "2100-03-28 01:59 +01:00");
    CHECK(shown(kBrussels, utc("2100-03-28 01:00")) == "2100-03-28 03:00 +02:00");
    CHECK(local(kBrussels, "2100-03-28 02:30") == utc("2100-03-28 01:00"));
    CHECK(shown(kBrussels, utc("2199-07-01 12:00")) == "2199-07-01 14:00 +02:00");
}

TEST_CASE("UTC and other zones", "[time]") {
    CHECK(local("UTC", "2014-04-01 14:00") == utc("2014-04-01 14:00"));
    CHECK(local("Etc/UTC", "2014-04-01 14:00") == utc("2014-04-01 14:00"));
    CHECK(shown("UTC", utc("2014-04-01 14:00")) == "2014-04-01 14:00 +00:00");
    CHECK(shown("America/New_York", utc("2014-04-01 12:00")) == "2014-04-01 08:00 -04:00");
    CHECK(shown("Asia/Kolkata", utc("2014-04-01 12:00")) == "2014-04-01 17:30 +05:30");
    CHECK(shown("Australia/Sydney", utc("2014-01-15 00:00")) == "2014-01-15 11:00 +11:00");
    CHECK(shown("Australia/Sydney", utc("2014-07-15 00:00")) == "2014-07-15 10:00 +10:00");
    CHECK(format_local({{2014, 4, 1}, 14 * 60, -210}) == "2014-04-01 14:00 -03:30");
}

TEST_CASE("An unknown zone gives no local time, never a guess", "[time]") {
    for (const char* tz : {"Europe/Bruxelles", "", "../../etc/passwd", "/usr/share/zoneinfo/UTC",
                           "localtime", "right/UTC", "Europe"}) {
        CAPTURE(tz);
        CHECK_FALSE(local_to_utc(tz, {2014, 4, 1}, 600));
        CHECK_FALSE(utc_to_local(tz, 1396353600));
    }
    // Formatting still tells the truth, in UTC.
    CHECK(format_utc_as_local("Europe/Bruxelles", utc("2014-04-01 12:00")) ==
          "2014-04-01 12:00 +00:00");
    CHECK(format_utc_as_local(kBrussels, utc("2014-04-01 12:00")) == "2014-04-01 14:00 +02:00");
}

TEST_CASE("Invalid local dates and minutes give nothing", "[time]") {
    CHECK_FALSE(local_to_utc(kBrussels, {2014, 2, 29}, 0));
    CHECK_FALSE(local_to_utc(kBrussels, {2014, 13, 1}, 0));
    CHECK_FALSE(local_to_utc(kBrussels, {1969, 12, 31}, 0));
    CHECK_FALSE(local_to_utc(kBrussels, {2014, 4, 1}, -1));
    CHECK_FALSE(local_to_utc(kBrussels, {2014, 4, 1}, 1441));
    CHECK_FALSE(utc_to_local(kBrussels, INT64_MAX));
    CHECK_FALSE(utc_to_local(kBrussels, INT64_MIN));
    CHECK(format_utc_as_local(kBrussels, INT64_MAX).size() > 0);
}

TEST_CASE("Zone names cannot leave the zone directory", "[time]") {
    CHECK(is_valid_zone_name("Europe/Brussels"));
    CHECK(is_valid_zone_name("America/Argentina/Buenos_Aires"));
    CHECK(is_valid_zone_name("Etc/GMT+1"));
    CHECK(is_valid_zone_name("America/Port-au-Prince"));
    for (const char* bad : {"", "/etc/passwd", "../etc/passwd", "Europe/../UTC", "Europe/./Paris",
                            "Europe//Paris", "Europe/", ".", "..", "zone.tab", "localtime",
                            "posixrules", "Europe/Brussels\n", "Europe\\Brussels"}) {
        CAPTURE(bad);
        CHECK_FALSE(is_valid_zone_name(bad));
    }
    CHECK_FALSE(is_valid_zone_name(std::string(65, 'A')));
}
