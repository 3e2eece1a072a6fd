// The screen's frame statistics from synthetic frame times: frame count, average rate, the
// slowest whole second (a stall shows there, a second without any frame counts as 0) and the
// longest single frame.
#include "kiosk/screen/frame_stats.h"

#include <algorithm>
#include <catch2/catch.hpp>
#include <vector>

using namespace accred;
using namespace std::chrono_literals;
using Time = FrameStats::Time;

namespace {

const Time kStart = Time{} + 1000s;

// n frames at fps from start (exact to the nanosecond).
void add_frames(std::vector<Time>& times, Time start, int n, int fps) {
    for (int i = 0; i < n; ++i)
        times.push_back(start + std::chrono::nanoseconds(std::int64_t{i} * 1'000'000'000 / fps));
}

// The reference: frames in each complete one-second window from the first frame.
std::uint64_t slowest_complete_second(const std::vector<Time>& times) {
    std::uint64_t slowest = UINT64_MAX;
    for (Time w = times.front(); w + 1s <= times.back(); w += 1s) {
        const auto n =
            std::count_if(times.begin(), times.end(), [&](Time t) { return t >= w && t < w + 1s; });
        slowest = std::min(slowest, static_cast<std::uint64_t>(n));
    }
    return slowest;
}

double longest_gap_ms(const std::vector<Time>& times) {
    double longest = 0;
    for (std::size_t i = 1; i < times.size(); ++i)
        longest = std::max(
            longest, std::chrono::duration<double, std::milli>(times[i] - times[i - 1]).count());
    return longest;
}

FrameStats feed(const std::vector<Time>& times) {
    FrameStats stats;
    for (const Time t : times)
        stats.frame_done(t);
    return stats;
}

} // namespace

TEST_CASE("Before any frame, and before a whole second, there is nothing to report",
          "[screen][frames]") {
    FrameStats stats;
    CHECK(stats.frames() == 0);
    CHECK(stats.seconds() == 0);
    CHECK(stats.mean_fps() == 0);
    CHECK_FALSE(stats.slowest_second());
    CHECK_THAT(stats.summary(), Catch::Contains("n/a"));
    std::vector<Time> times;
    add_frames(times, kStart, 30, 60); // half a second
    for (const Time t : times)
        stats.frame_done(t);
    CHECK(stats.frames() == 30);
    CHECK_FALSE(stats.slowest_second());
    CHECK(stats.longest_frame_ms() == Approx(1000.0 / 60).epsilon(1e-6));
}

TEST_CASE("A steady 60 frames a second for 3 s, then a 500 ms stall", "[screen][frames]") {
    std::vector<Time> times;
    add_frames(times, kStart, 180, 60);
    const Time resume = times.back() + 500ms;
    add_frames(times, resume, 120, 60);
    const FrameStats stats = feed(times);

    CHECK(stats.frames() == times.size());
    const double seconds = std::chrono::duration<double>(times.back() - times.front()).count();
    CHECK(stats.seconds() == Approx(seconds));
    const double fps = static_cast<double>(times.size() - 1) / seconds;
    CHECK(stats.mean_fps() == Approx(fps).epsilon(1e-6));
    CHECK(stats.mean_fps() < 60);
    CHECK(stats.mean_fps() > 50);
    CHECK(stats.longest_frame_ms() == Approx(500).epsilon(1e-6));
    CHECK(stats.longest_frame_ms() == Approx(longest_gap_ms(times)).epsilon(1e-9));
    // The second that holds the stall is the slowest, at about half the frames.
    REQUIRE(stats.slowest_second());
    const std::uint64_t expected = slowest_complete_second(times);
    CHECK(*stats.slowest_second() == expected);
    CHECK(expected < 40);
    CHECK(expected > 20);
    CHECK_THAT(stats.summary(), Catch::Contains(std::to_string(times.size()) + " frames"));
    CHECK_THAT(stats.summary(), Catch::Contains("slowest second " + std::to_string(expected)));
}

TEST_CASE("Every whole second at a steady rate counts that rate", "[screen][frames]") {
    std::vector<Time> times;
    add_frames(times, kStart, 30 * 10 + 1, 30); // ten seconds at 30 frames/s, and the next
    const FrameStats stats = feed(times);
    REQUIRE(stats.slowest_second());
    CHECK(*stats.slowest_second() == 30);
    CHECK(stats.mean_fps() == Approx(30).epsilon(1e-6));
    CHECK(stats.seconds() == Approx(10).epsilon(1e-9));
}

TEST_CASE("A freeze longer than a second makes a second with no frame: slowest is 0",
          "[screen][frames]") {
    std::vector<Time> times;
    add_frames(times, kStart, 120, 60);
    add_frames(times, times.back() + 2500ms, 120, 60);
    const FrameStats stats = feed(times);
    REQUIRE(stats.slowest_second());
    CHECK(*stats.slowest_second() == 0);
    CHECK(*stats.slowest_second() == slowest_complete_second(times));
    CHECK(stats.longest_frame_ms() == Approx(2500).epsilon(1e-6));
    CHECK(stats.frames() == 240);
}
