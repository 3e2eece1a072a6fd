#include "event/moment_text.h"
#include "event/utc_time.h"

#include <catch2/catch.hpp>

using namespace accred;

namespace {

const ResolvedZone& brussels() {
    static const ResolvedZone zone = ResolvedZone::resolve("Europe/Brussels").value();
    return zone;
}

std::string refusal(const std::string& text) {
    auto t = parse_moment(brussels(), text);
    return t ? std::string("accepted") : t.error().message;
}

} // namespace

TEST_CASE("Moments: seconds, UTC, an offset and local event time are the same instant", "[time]") {
    const std::int64_t t = 1396245600; // 2014-03-31 06:00 UTC = 08:00 in Brussels (summer time)
    for (const char* text : {"1396245600", "2014-03-31T06:00:00Z", "2014-03-31T08:00:00+02:00",
                             "2014-03-31T08:00+02:00", "2014-03-31T07:00:00+01:00",
                             "2014-03-31T08:00", "2014-03-31 08:00", "2014-03-31 08:00:00",
                             "2014-03-31T03:00:00-03:00", "2014-03-31 06:00:00Z"}) {
        CAPTURE(text);
        CHECK(parse_moment(brussels(), text).value() == t);
    }
    CHECK(parse_moment(brussels(), "2014-03-31 08:00:05").value() == t + 5);
    // Winter time before the change on 2014-03-30: +01:00.
    CHECK(parse_moment(brussels(), "2014-03-28 10:00").value() ==
          parse_moment("2014-03-28T09:00:00Z").value());
    // Skipped at the change: the instant of the jump (03:00 summer time, 01:00 UTC).
    CHECK(parse_moment(brussels(), "2014-03-30 02:30").value() ==
          parse_moment("2014-03-30T01:00:00Z").value());
}

TEST_CASE("Moments without an event: UTC and offsets, a local time is refused saying why",
          "[time]") {
    CHECK(parse_moment("2014-04-01T08:00:00Z").value() == 1396339200);
    CHECK(parse_moment("2014-04-01T10:00:00+02:00").value() == 1396339200);
    auto local = parse_moment("2014-04-01 10:00");
    REQUIRE_FALSE(local);
    CHECK_THAT(local.error().message,
               Catch::Contains("needs the event's time zone") && Catch::Contains("add Z"));
    auto unresolved = parse_moment(ResolvedZone{}, "2014-04-01T10:00");
    CHECK_FALSE(unresolved);
}

TEST_CASE("Moments: each refusal names what was typed and what is wrong", "[time]") {
    CHECK_THAT(refusal("2014-02-30 08:00"), Catch::Contains("'2014-02-30 08:00'") &&
                                                Catch::Contains("2014-02-30 is not a date"));
    CHECK_THAT(refusal("2014-04-01 25:00"), Catch::Contains("25:00 is not a time of day"));
    CHECK_THAT(refusal("2014-04-01T24:00:00Z"), Catch::Contains("24:00 is not a time of day"));
    CHECK_THAT(refusal("2014-04-01 08:00:61"), Catch::Contains("seconds"));
    CHECK_THAT(refusal("2014-04-01T08:00:00+15:00"), Catch::Contains("at most 14 hours"));
    CHECK_THAT(refusal("2014-04-01T08:00:00 CEST"),
               Catch::Contains("' CEST'") && Catch::Contains("neither Z nor an offset"));
    CHECK_THAT(refusal("yesterday"), Catch::Contains("'yesterday' is not a time") &&
                                         Catch::Contains("2014-03-31T06:00:00Z"));
    CHECK_THAT(refusal(""), Catch::Contains("empty"));
    for (const char* bad :
         {"2014-4-1 14:00", "-5", "2014-04-01T08:00:00Z junk", "1969-12-31T23:59:59Z",
          "2014-13-01T00:00:00Z", "2015-02-29T12:00:00Z", "2014-04-01T8:00"}) {
        CAPTURE(bad);
        CHECK_FALSE(parse_moment(brussels(), bad));
    }
    CHECK(parse_moment("2016-02-29T12:00:00Z"));
}

TEST_CASE("UTC text round-trips through the one parser", "[time]") {
    for (std::uint64_t t : {0ULL, 1396339200ULL, 4102444799ULL}) {
        CAPTURE(t);
        CHECK(parse_moment(format_utc_time(t)).value() == static_cast<std::int64_t>(t));
    }
    CHECK(format_utc_time(1396339200) == "2014-04-01T08:00:00Z");
    CHECK(format_utc_time(253402300799) == "9999-12-31T23:59:59Z");
    CHECK(format_utc_time(253402300800) == "253402300800"); // no five-digit years
    CHECK(parse_moment("253402300800").value() == 253402300800);
}
