#include "kiosk/engine/pin_throttle.h"

#include <catch2/catch.hpp>

using accred::PinThrottle;

TEST_CASE("PIN throttle: two mistakes cost nothing, the third makes the next attempt wait",
          "[engine][pin]") {
    PinThrottle t;
    const std::int64_t t0 = 1'800'000'000;
    CHECK(t.seconds_to_wait(t0) == 0);
    t.record_failure(t0);
    CHECK(t.seconds_to_wait(t0 + 1) == 0);
    t.record_failure(t0 + 2);
    CHECK(t.seconds_to_wait(t0 + 3) == 0);
    t.record_failure(t0 + 4);
    CHECK(t.seconds_to_wait(t0 + 4) == 30);
    CHECK(t.seconds_to_wait(t0 + 20) == 14);
    CHECK(t.seconds_to_wait(t0 + 34) == 0);
}

TEST_CASE("PIN throttle: the wait doubles with each further wrong PIN, up to 15 minutes",
          "[engine][pin]") {
    PinThrottle t;
    std::int64_t now = 1'800'000'000;
    for (int i = 0; i < 3; ++i)
        t.record_failure(now);
    std::vector<std::int64_t> waits;
    for (int i = 0; i < 8; ++i) {
        const std::int64_t wait = t.seconds_to_wait(now);
        waits.push_back(wait);
        now += wait;
        REQUIRE(t.seconds_to_wait(now) == 0);
        t.record_failure(now);
    }
    CHECK(waits == std::vector<std::int64_t>{30, 60, 120, 240, 480, 900, 900, 900});
    // However many failures a log replays, the wait stays at the cap.
    for (int i = 0; i < 5000; ++i)
        t.record_failure(now);
    CHECK(t.seconds_to_wait(now) == PinThrottle::kLongestWait);
}

TEST_CASE("PIN throttle: a right PIN starts the count again", "[engine][pin]") {
    PinThrottle t;
    const std::int64_t now = 1'800'000'000;
    for (int i = 0; i < 5; ++i)
        t.record_failure(now);
    REQUIRE(t.seconds_to_wait(now) > 0);
    t.record_success();
    CHECK(t.failures() == 0);
    CHECK(t.seconds_to_wait(now) == 0);
    t.record_failure(now);
    t.record_failure(now);
    CHECK(t.seconds_to_wait(now) == 0);
}

TEST_CASE("PIN throttle: a clock set back does not stretch the wait", "[engine][pin]") {
    PinThrottle t;
    const std::int64_t now = 1'800'000'000;
    for (int i = 0; i < 4; ++i)
        t.record_failure(now);
    REQUIRE(t.seconds_to_wait(now) == 60);
    CHECK(t.seconds_to_wait(now - 86'400) == 60); // a day back: still one minute, not a day
}
