// splitmix64: the same numbers on every platform (unlike <random>'s distributions), so that a
// corpus, a clip, a camera frame or a test's random inputs made from a seed are the same
// everywhere.
#pragma once

#include <cstdint>

namespace accred::test {

struct SplitmixRandom {
    std::uint64_t state;
    std::uint64_t next() {
        std::uint64_t z = (state += 0x9E3779B97F4A7C15ull);
        z = (z ^ (z >> 30)) * 0xBF58476D1CE4E5B9ull;
        z = (z ^ (z >> 27)) * 0x94D049BB133111EBull;
        return z ^ (z >> 31);
    }
    // Uniform in [lo, hi): the top 53 bits as a double's mantissa.
    double uniform(double lo, double hi) {
        return lo + (hi - lo) * static_cast<double>(next() >> 11) * 0x1.0p-53;
    }
    // In [0, bound), bound > 0 (modulo: a bias under 2^-40 for the bounds tests use).
    std::uint64_t below(std::uint64_t bound) { return next() % bound; }
};

} // namespace accred::test
