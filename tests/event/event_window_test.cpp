#include "event/calendar.h"
#include "event/event_toml.h"
#include "event/event_window.h"

#include <catch2/catch.hpp>
#include <filesystem>
#include <fstream>
#include <limits>
#include <sstream>
#include <string>

using namespace accred;

namespace {

EventDefinition demo_event() {
    const auto path = std::filesystem::path(ACCRED_DEMO_DIR) / "event.toml";
    std::ifstream in(path, std::ios::binary);
    std::ostringstream text;
    text << in.rdbuf();
    auto event = parse_event_toml(text.str(), "event.toml");
    INFO((event ? std::string() : event.error().message));
    REQUIRE(event);
    return std::move(event).value();
}

// UTC seconds of "YYYY-MM-DD HH:MM" read as UTC.
std::int64_t utc(const std::string& text) {
    const auto date = parse_iso_date(text.substr(0, 10));
    const auto minute = parse_hh_mm(text.substr(11, 5), false);
    REQUIRE(date);
    REQUIRE(minute);
    return days_from_civil(*date) * 86400 + std::int64_t{*minute} * 60;
}

constexpr std::int64_t kMax = std::numeric_limits<std::int64_t>::max();
constexpr std::int64_t kMin = std::numeric_limits<std::int64_t>::min();

} // namespace

TEST_CASE("The demo event runs from 31 March 00:00 to 1 April 24:00 Brussels time", "[window]") {
    const EventDefinition event = demo_event();
    CHECK(event_start_utc(event) == utc("2014-03-30 22:00"));
    CHECK(event_end_utc(event) == utc("2014-04-01 22:00"));
    CHECK(day_span_utc(event, {2014, 4, 1}) ==
          std::pair{utc("2014-03-31 22:00"), utc("2014-04-01 22:00")});
    // The day before, when summer time began, has 23 hours.
    const auto dst_day = day_span_utc(event, {2014, 3, 30});
    CHECK(dst_day == std::pair{utc("2014-03-29 23:00"), utc("2014-03-30 22:00")});
}

TEST_CASE("The High Level Session room is open only on 1 April, 14:00-18:00 local", "[window]") {
    const EventDefinition event = demo_event();
    const Zone& hls = *event.find_zone("hls_room");
    // 14:00-18:00 CEST is 12:00-16:00 UTC.
    CHECK_FALSE(zone_open_at(event, hls, utc("2014-04-01 12:00") - 1));
    CHECK(zone_open_at(event, hls, utc("2014-04-01 12:00")));
    CHECK(zone_open_at(event, hls, utc("2014-04-01 14:00")));
    CHECK(zone_open_at(event, hls, utc("2014-04-01 16:00") - 1));
    CHECK_FALSE(zone_open_at(event, hls, utc("2014-04-01 16:00")));
    // Same hours the day before: closed.
    CHECK_FALSE(zone_open_at(event, hls, utc("2014-03-31 12:00")));
    CHECK_FALSE(zone_open_at(event, hls, utc("2014-03-31 14:00")));
    // Read as UTC by mistake, 14:00-18:00 would wrongly include 16:00-18:00 UTC.
    CHECK_FALSE(zone_open_at(event, hls, utc("2014-04-01 17:00")));
}

TEST_CASE("A zone with windows is open only within them, on each event day", "[window]") {
    const EventDefinition event = demo_event();
    const Zone& building = *event.find_zone("main_building"); // 07:30-20:00 both days
    CHECK_FALSE(zone_open_at(event, building, utc("2014-03-31 05:29")));
    CHECK(zone_open_at(event, building, utc("2014-03-31 05:30")));
    CHECK(zone_open_at(event, building, utc("2014-03-31 17:59")));
    CHECK_FALSE(zone_open_at(event, building, utc("2014-03-31 18:00")));
    CHECK(zone_open_at(event, building, utc("2014-04-01 10:00")));
    CHECK_FALSE(zone_open_at(event, building, utc("2014-04-01 20:00")));
}

TEST_CASE("A zone without windows is open all day on every event day, and never outside",
          "[window]") {
    const EventDefinition event = demo_event();
    const Zone& office = *event.find_zone("organisers_office");
    REQUIRE(office.windows.empty());
    CHECK_FALSE(zone_open_at(event, office, utc("2014-03-30 22:00") - 1));
    CHECK(zone_open_at(event, office, utc("2014-03-30 22:00"))); // 31 March 00:00 local
    CHECK(zone_open_at(event, office, utc("2014-03-31 03:00")));
    CHECK(zone_open_at(event, office, utc("2014-03-31 22:00"))); // 1 April 00:00 local
    CHECK(zone_open_at(event, office, utc("2014-04-01 22:00") - 1));
    CHECK_FALSE(zone_open_at(event, office, utc("2014-04-01 22:00")));
    CHECK_FALSE(zone_open_at(event, office, utc("2014-03-30 12:00")));
    CHECK_FALSE(zone_open_at(event, office, utc("2014-04-02 12:00")));
    CHECK_FALSE(zone_open_at(event, office, 0));
    CHECK_FALSE(zone_open_at(event, office, kMax));
    CHECK_FALSE(zone_open_at(event, office, kMin));
}

TEST_CASE("Event days need not be consecutive", "[window]") {
    EventDefinition event;
    event.time_zone = "Europe/Brussels";
    event.days = {{2014, 3, 31}, {2014, 4, 2}};
    const Zone open_all_day{"hall", 0, "Hall", std::nullopt, 0, std::nullopt, {}, {}, {}, {}};
    CHECK(zone_open_at(event, open_all_day, utc("2014-03-31 10:00")));
    CHECK_FALSE(zone_open_at(event, open_all_day, utc("2014-04-01 10:00")));
    CHECK(zone_open_at(event, open_all_day, utc("2014-04-02 10:00")));
    CHECK(event_end_utc(event) == utc("2014-04-02 22:00"));
}

TEST_CASE("A window on a day that is not an event day never opens", "[window]") {
    EventDefinition event;
    event.time_zone = "Europe/Brussels";
    event.days = {{2014, 3, 31}};
    Zone zone{"hall", 0,  "Hall", std::nullopt, 0, std::nullopt, {{{2014, 4, 1}, 0, 1440}},
              {},     {}, {}};
    CHECK_FALSE(zone_open_at(event, zone, utc("2014-04-01 10:00")));
    CHECK_FALSE(zone_open_at(event, zone, utc("2014-03-31 10:00")));
}

TEST_CASE("Without its time zone the event is closed, never guessed", "[window]") {
    EventDefinition event = demo_event();
    event.time_zone = "Europe/Bruxelles";
    CHECK(event_start_utc(event) == kMax);
    CHECK(event_end_utc(event) == kMin);
    CHECK(day_span_utc(event, {2014, 4, 1}) == std::pair{kMax, kMin});
    for (const Zone& zone : event.zones)
        CHECK_FALSE(zone_open_at(event, zone, utc("2014-04-01 12:00")));

    EventDefinition no_days = demo_event();
    no_days.days.clear();
    CHECK(event_start_utc(no_days) == kMax);
    CHECK(event_end_utc(no_days) == kMin);
    CHECK_FALSE(zone_open_at(no_days, no_days.zones[0], utc("2014-04-01 12:00")));
}

TEST_CASE("Windows across the spring-forward gap open at the jump", "[window]") {
    EventDefinition event;
    event.time_zone = "Europe/Brussels";
    event.days = {{2014, 3, 30}};
    const Zone night{
        "night", 0,  "Night", std::nullopt, 0, std::nullopt, {{{2014, 3, 30}, 2 * 60 + 30, 4 * 60}},
        {},      {}, {}};
    // 02:30 does not exist that day; the window opens when the clocks jump to 03:00 (01:00 UTC).
    CHECK_FALSE(zone_open_at(event, night, utc("2014-03-30 00:59")));
    CHECK(zone_open_at(event, night, utc("2014-03-30 01:00")));
    CHECK(zone_open_at(event, night, utc("2014-03-30 01:59")));
    CHECK_FALSE(zone_open_at(event, night, utc("2014-03-30 02:00")));
}
