// Debouncing: a badge held in view is one event; shown again after a pause, it is another.
#include "kiosk/sources/debouncer.h"

#include <catch2/catch.hpp>

using namespace accred;
using namespace std::chrono_literals;

TEST_CASE("A code seen again and again within the window counts once", "[sources][debounce]") {
    Debouncer d(3s);
    CHECK(d.accept("A", 0));
    // Thirty frames a second for ten seconds: the window restarts at each sighting.
    for (std::int64_t t = 33'333; t < 10'000'000; t += 33'333)
        CHECK_FALSE(d.accept("A", t));
    CHECK(d.accept("B", 10'000'000)); // another code is not held back by the first
}

TEST_CASE("A code counts again once it has been out of view longer than the window",
          "[sources][debounce]") {
    Debouncer d(3s);
    CHECK(d.accept("A", 0));
    CHECK_FALSE(d.accept("A", 3'000'000)); // exactly the window: still the same presentation
    CHECK(d.accept("A", 6'000'001));
    CHECK_FALSE(d.accept("A", 6'500'000));
    CHECK(d.remembered() == 1);
    CHECK(d.accept("B", 20'000'000));
    CHECK(d.remembered() == 1); // A was forgotten: memory stays small
}

TEST_CASE("The number of codes remembered is bounded", "[sources][debounce]") {
    Debouncer d(3s, 4);
    for (int i = 0; i < 10; ++i)
        CHECK(d.accept(std::to_string(i), i));
    CHECK(d.remembered() == 4);
    CHECK_FALSE(d.accept("9", 20)); // the newest are kept
    CHECK(d.accept("0", 21));       // the oldest were forgotten
}

TEST_CASE("A zero window turns debouncing off", "[sources][debounce]") {
    Debouncer d(0s);
    CHECK(d.accept("A", 0));
    CHECK(d.accept("A", 1));
}
