#include "event/utc_time.h"

#include <catch2/catch.hpp>

using namespace accred;

TEST_CASE("UTC times parse from seconds and ISO 8601 with Z", "[time]") {
    CHECK(parse_utc_time("1396339200").value() == 1396339200);
    CHECK(parse_utc_time("2014-04-01T08:00:00Z").value() == 1396339200);
    CHECK(parse_utc_time("1970-01-01T00:00:00Z").value() == 0);
    CHECK(format_utc_time(1396339200) == "2014-04-01T08:00:00Z");
}

TEST_CASE("Times without a zone or with impossible fields are refused", "[time]") {
    for (const char* bad : {"2014-04-01T08:00:00", "2014-04-01 08:00:00Z", "2014-02-30T00:00:00Z",
                            "2014-13-01T00:00:00Z", "2014-04-01T24:00:00Z", "yesterday", "",
                            "-5", "2014-04-01T08:00:00Z junk"}) {
        CAPTURE(bad);
        CHECK_FALSE(parse_utc_time(bad));
    }
}

TEST_CASE("UTC text round-trips, and far times stay readable", "[time]") {
    for (std::uint64_t t : {0ULL, 1396339200ULL, 4102444799ULL, 253402300799ULL}) {
        CAPTURE(t);
        CHECK(parse_utc_time(format_utc_time(t)).value() == t);
    }
    CHECK(format_utc_time(253402300799) == "9999-12-31T23:59:59Z");
    CHECK(format_utc_time(253402300800) == "253402300800"); // no five-digit years
    CHECK(parse_utc_time("2016-02-29T12:00:00Z"));
    CHECK_FALSE(parse_utc_time("2015-02-29T12:00:00Z"));
    CHECK_FALSE(parse_utc_time("1969-12-31T23:59:59Z"));
}
