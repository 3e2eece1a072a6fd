// The verdict tones: each is audible, unclipped and click-free, the three are told apart, and a
// refusal sounds lower than a grant.
#include "kiosk/screen/tones.h"

#include <algorithm>
#include <catch2/catch.hpp>
#include <cstdlib>
#include <limits>

using namespace accred;

namespace {

// Sign changes per second of sound (silent rests left out), about twice the pitch in Hz.
double crossings_per_second(const std::vector<std::int16_t>& samples) {
    std::size_t sounding = 0;
    std::size_t crossings = 0;
    int last_sign = 0;
    for (const std::int16_t s : samples) {
        if (s == 0) continue;
        ++sounding;
        const int sign = s > 0 ? 1 : -1;
        if (last_sign != 0 && sign != last_sign) ++crossings;
        last_sign = sign;
    }
    REQUIRE(sounding > 0);
    return static_cast<double>(crossings) * kToneSampleRate / static_cast<double>(sounding);
}

int peak(const std::vector<std::int16_t>& samples) {
    int p = 0;
    for (const std::int16_t s : samples)
        p = std::max(p, std::abs(static_cast<int>(s)));
    return p;
}

const Verdict kKinds[] = {Verdict::granted, Verdict::denied, Verdict::attention};

} // namespace

TEST_CASE("Each verdict's tone is audible, short and never clips", "[screen][tones]") {
    for (const Verdict kind : kKinds) {
        CAPTURE(static_cast<int>(kind));
        const auto samples = tone_samples(kind);
        REQUIRE_FALSE(samples.empty());
        // Long enough to hear, short enough not to overlap the next holder's verdict.
        CHECK(samples.size() >= static_cast<std::size_t>(kToneSampleRate / 10));
        CHECK(samples.size() <= static_cast<std::size_t>(kToneSampleRate * 2));
        const int p = peak(samples);
        CHECK(p > std::numeric_limits<std::int16_t>::max() / 10); // not silent
        CHECK(p < std::numeric_limits<std::int16_t>::max());      // never at full scale
        // A good part of the tone actually sounds.
        const auto loud = std::count_if(samples.begin(), samples.end(),
                                        [&](std::int16_t s) { return std::abs(s) > p / 4; });
        CHECK(static_cast<std::size_t>(loud) > samples.size() / 4);
    }
}

TEST_CASE("Tones start and end at silence, so they do not click", "[screen][tones]") {
    for (const Verdict kind : kKinds) {
        CAPTURE(static_cast<int>(kind));
        const auto samples = tone_samples(kind);
        REQUIRE(samples.size() > 10);
        const int p = peak(samples);
        CHECK(std::abs(static_cast<int>(samples.front())) < p / 20);
        CHECK(std::abs(static_cast<int>(samples.back())) < p / 20);
        // No jump between neighbouring samples bigger than a loud high note's own slope allows.
        int largest_step = 0;
        for (std::size_t i = 1; i < samples.size(); ++i)
            largest_step = std::max(largest_step, std::abs(samples[i] - samples[i - 1]));
        CHECK(largest_step < p / 2);
    }
}

TEST_CASE("The three tones differ from each other", "[screen][tones]") {
    const auto granted = tone_samples(Verdict::granted);
    const auto denied = tone_samples(Verdict::denied);
    const auto attention = tone_samples(Verdict::attention);
    CHECK(granted != denied);
    CHECK(granted != attention);
    CHECK(denied != attention);
    // Told apart by pitch too, not only by length.
    const double g = crossings_per_second(granted);
    const double d = crossings_per_second(denied);
    const double a = crossings_per_second(attention);
    CAPTURE(g, d, a);
    CHECK(std::abs(g - d) > 200);
    CHECK(std::abs(g - a) > 200);
    CHECK(std::abs(d - a) > 200);
}

TEST_CASE("A refusal sounds lower than a grant", "[screen][tones]") {
    const double granted = crossings_per_second(tone_samples(Verdict::granted));
    const double denied = crossings_per_second(tone_samples(Verdict::denied));
    CAPTURE(granted, denied);
    // At least an octave apart (twice the crossings).
    CHECK(granted > 2 * denied);
    // Both within the range a hall's loudspeaker plays well (100 Hz to 4 kHz).
    CHECK(denied > 2 * 100);
    CHECK(granted < 2 * 4000);
}

TEST_CASE("Tones are the same every time", "[screen][tones]") {
    for (const Verdict kind : kKinds)
        CHECK(tone_samples(kind) == tone_samples(kind));
}
