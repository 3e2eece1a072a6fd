// ResolvedZone: the event's time zone looked up once in date/tz and then used as a value.
#include "event/calendar.h"
#include "event/local_time.h"
#include "event/resolved_zone.h"

#include <catch2/catch.hpp>
#include <cstdint>
#include <filesystem>
#include <string>
#include <thread>
#include <vector>

using namespace accred;

namespace {

std::int64_t utc(int year, int month, int day, int hour, int minute) {
    return days_from_civil({year, month, day}) * 86400 + hour * 3600 + minute * 60;
}

} // namespace

TEST_CASE("A resolved zone answers as the zone name does", "[time][zone]") {
    const auto brussels = ResolvedZone::resolve("Europe/Brussels");
    REQUIRE(brussels);
    CHECK(brussels->known());
    CHECK(brussels->name() == "Europe/Brussels");
    CHECK(brussels->offset_at(utc(2014, 4, 1, 12, 0)) == 7200);
    CHECK(local_to_utc(*brussels, {2014, 3, 30}, 150) == utc(2014, 3, 30, 1, 0));
    CHECK(format_utc_as_local(*brussels, utc(2014, 4, 1, 12, 0)) == "2014-04-01 14:00 +02:00");
    CHECK(format_utc_as_local_seconds(*brussels, utc(2014, 4, 1, 12, 0) + 5) ==
          "2014-04-01 14:00:05 +02:00");
    // A copy is the same zone.
    const ResolvedZone copy = *brussels;
    CHECK(copy.offset_at(utc(2014, 1, 1, 12, 0)) == 3600);
}

TEST_CASE("An unresolved zone answers nothing, and formats in UTC", "[time][zone]") {
    const ResolvedZone none;
    CHECK_FALSE(none.known());
    CHECK_FALSE(none.offset_at(0));
    CHECK_FALSE(none.local_to_utc(0));
    CHECK_FALSE(utc_to_local(none, 0));
    CHECK_FALSE(local_to_utc(none, {2014, 4, 1}, 0));
    CHECK(format_utc_as_local(none, utc(2014, 4, 1, 12, 0)) == "2014-04-01 12:00 +00:00");
    CHECK(format_utc_as_local_seconds(none, utc(2014, 4, 1, 12, 0) + 7) ==
          "2014-04-01 12:00:07 +00:00");
    CHECK_FALSE(format_utc_as_local_seconds(none, INT64_MAX));
    CHECK_FALSE(ResolvedZone::resolve_or_unknown("Europe/Bruxelles").known());
}

TEST_CASE("Names the old TZif reader refused stay refused, with a reason", "[time][zone]") {
    for (const char* name : {"localtime", "posixrules", "Factory", "leapseconds", "../UTC",
                             "/usr/share/zoneinfo/UTC", "zone1970.tab", "tzdata.zi"}) {
        CAPTURE(name);
        const auto zone = ResolvedZone::resolve(name);
        REQUIRE_FALSE(zone);
        CHECK_THAT(zone.error().message, Catch::Contains("is not an IANA time zone name"));
    }
    const auto right = ResolvedZone::resolve("right/Europe/Brussels");
    REQUIRE_FALSE(right);
    CHECK_THAT(right.error().message, Catch::Contains("leap-second records"));
    const auto posix = ResolvedZone::resolve("posix/Europe/Brussels");
    REQUIRE_FALSE(posix);
    CHECK_THAT(posix.error().message, Catch::Contains("write \"Europe/Brussels\""));
    CHECK(ResolvedZone::resolve("Europe").error().message ==
          "unknown time zone \"Europe\": no file /usr/share/zoneinfo/Europe");
}

TEST_CASE("Past the zone file's table the footer rule holds, for any year", "[time][zone]") {
    const auto sydney = ResolvedZone::resolve("Australia/Sydney");
    REQUIRE(sydney);
    // Southern hemisphere: summer time across the new year.
    CHECK(sydney->offset_at(utc(2150, 1, 15, 0, 0)) == 11 * 3600);
    CHECK(sydney->offset_at(utc(2150, 7, 15, 0, 0)) == 10 * 3600);
    const auto brussels = ResolvedZone::resolve("Europe/Brussels");
    REQUIRE(brussels);
    // Beyond the years date::year holds, by whole 400-year cycles: 30014 has 2014's calendar
    // (28,000 years later), so the clocks change on 30 March and 26 October at 01:00 UTC.
    CHECK(brussels->offset_at(utc(30014, 3, 30, 0, 59)) == 3600);
    CHECK(brussels->offset_at(utc(30014, 3, 30, 1, 0)) == 7200);
    CHECK(brussels->offset_at(utc(30014, 10, 26, 0, 59)) == 7200);
    CHECK(brussels->offset_at(utc(30014, 10, 26, 1, 0)) == 3600);
    CHECK(utc_to_local(*brussels, std::int64_t{1} << 40));
    // A rule date/tz's ptz.h cannot read (Greenland's negative rule times) leaves the times past
    // the table unknown, not guessed; the table still answers.
    if (std::filesystem::exists("/usr/share/zoneinfo/America/Nuuk")) {
        const auto nuuk = ResolvedZone::resolve("America/Nuuk");
        REQUIRE(nuuk);
        CHECK(nuuk->offset_at(utc(2026, 1, 15, 12, 0)) == -2 * 3600);
        CHECK_FALSE(nuuk->offset_at(utc(2100, 1, 15, 12, 0)));
    }
}

TEST_CASE("A resolved zone is read from several threads at once", "[time][zone]") {
    const ResolvedZone zone = ResolvedZone::resolve_or_unknown("America/New_York");
    REQUIRE(zone.known());
    std::vector<std::thread> threads;
    std::vector<int> wrong(4, 0);
    for (std::size_t t = 0; t < wrong.size(); ++t)
        threads.emplace_back([&zone, &wrong, t] {
            for (int i = 0; i < 2000; ++i) {
                const auto at = zone.local_to_utc(utc(2014, 3, 9, 0, 0) + i * 60);
                const auto offset = at ? zone.offset_at(*at) : std::nullopt;
                if (!offset || (*offset != -5 * 3600 && *offset != -4 * 3600)) ++wrong[t];
                // and a lookup by name meanwhile, which date/tz serves from its loaded database
                if (i % 500 == 0 && !ResolvedZone::resolve("Asia/Kolkata")) ++wrong[t];
            }
        });
    for (auto& thread : threads)
        thread.join();
    for (int w : wrong)
        CHECK(w == 0);
}
