// Shared by the fuzz targets: a check that stops the fuzzer with a message when a property the
// code promises does not hold (libFuzzer reports the trap as a crash and saves the input).
#pragma once

#include <cstddef>
#include <cstdint>
#include <cstdio>
#include <span>
#include <string>
#include <string_view>

#define FUZZ_CHECK(cond)                                                                       \
    do {                                                                                       \
        if (!(cond)) {                                                                         \
            std::fprintf(stderr, "FUZZ_CHECK failed: %s (%s:%d)\n", #cond, __FILE__, __LINE__); \
            __builtin_trap();                                                                  \
        }                                                                                      \
    } while (0)

namespace fuzz {

inline std::string_view as_text(const std::uint8_t* data, std::size_t size) {
    return {reinterpret_cast<const char*>(data), size};
}
inline std::span<const std::uint8_t> as_span(const std::uint8_t* data, std::size_t size) {
    return {data, size};
}

} // namespace fuzz
