// Internal to kiosk/log: small helpers shared by entry_store.cpp and entry_store_read.cpp.
#pragma once

#include "crypto/outcome.h"

#include <algorithm>
#include <array>
#include <cstdint>
#include <limits>
#include <string>

namespace accred::entry_store::detail {

template <std::size_t N>
inline bool copy_exact(const std::string& from, std::array<std::uint8_t, N>& to) {
    if (from.size() != N) return false;
    std::copy(from.begin(), from.end(), to.begin());
    return true;
}

// Seqs are u64 in C++ and INTEGER (i64) in SQLite; no real log comes near the clamp.
inline std::int64_t to_sql(std::uint64_t v) {
    return static_cast<std::int64_t>(
        std::min<std::uint64_t>(v, std::numeric_limits<std::int64_t>::max()));
}

inline Error in_file(const std::string& path, const std::string& what) {
    return Error{"entry log " + path + ": " + what};
}

} // namespace accred::entry_store::detail
