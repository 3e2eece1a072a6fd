// Internal to kiosk/log: the big-endian, length-prefixed building blocks of the canonical row
// and checkpoint encodings (docs/entry-log-format.md), and a bounded reader for parsing them back.
#pragma once

#include <algorithm>
#include <array>
#include <cstddef>
#include <cstdint>
#include <optional>
#include <span>
#include <string>
#include <string_view>
#include <vector>

namespace accred::canonical {

inline void put_u8(std::vector<std::uint8_t>& out, std::uint8_t v) {
    out.push_back(v);
}

inline void put_u32(std::vector<std::uint8_t>& out, std::uint32_t v) {
    for (int shift = 24; shift >= 0; shift -= 8)
        out.push_back(static_cast<std::uint8_t>(v >> shift));
}

inline void put_u64(std::vector<std::uint8_t>& out, std::uint64_t v) {
    for (int shift = 56; shift >= 0; shift -= 8)
        out.push_back(static_cast<std::uint8_t>(v >> shift));
}

// Two's complement, so negative times (never expected, but representable) stay distinct.
inline void put_i64(std::vector<std::uint8_t>& out, std::int64_t v) {
    put_u64(out, static_cast<std::uint64_t>(v));
}

inline void put_raw(std::vector<std::uint8_t>& out, std::span<const std::uint8_t> bytes) {
    out.insert(out.end(), bytes.begin(), bytes.end());
}

// u32 length, then the bytes. Callers cap lengths far below 2^32 before encoding.
inline void put_str(std::vector<std::uint8_t>& out, std::string_view s) {
    put_u32(out, static_cast<std::uint32_t>(s.size()));
    out.insert(out.end(), s.begin(), s.end());
}

// Reads the same building blocks back, refusing to run past the end: every get_ returns nullopt
// instead, and the reader stays failed.
class Reader {
  public:
    explicit Reader(std::span<const std::uint8_t> bytes) : bytes_(bytes) {}

    bool at_end() const { return pos_ == bytes_.size(); }

    std::optional<std::uint64_t> get_u64() {
        auto raw = take(8);
        if (!raw) return std::nullopt;
        std::uint64_t v = 0;
        for (std::uint8_t b : *raw)
            v = (v << 8) | b;
        return v;
    }

    std::optional<std::int64_t> get_i64() {
        auto v = get_u64();
        if (!v) return std::nullopt;
        return static_cast<std::int64_t>(*v);
    }

    std::optional<std::string> get_str(std::size_t max_len) {
        auto head = take(4);
        if (!head) return std::nullopt;
        std::uint32_t len = 0;
        for (std::uint8_t b : *head)
            len = (len << 8) | b;
        if (len > max_len) return std::nullopt;
        auto body = take(len);
        if (!body) return std::nullopt;
        return std::string(body->begin(), body->end());
    }

    template <std::size_t N> std::optional<std::array<std::uint8_t, N>> get_array() {
        auto raw = take(N);
        if (!raw) return std::nullopt;
        std::array<std::uint8_t, N> out{};
        std::copy(raw->begin(), raw->end(), out.begin());
        return out;
    }

    std::optional<std::span<const std::uint8_t>> take(std::size_t n) {
        if (n > bytes_.size() - pos_) return std::nullopt;
        auto part = bytes_.subspan(pos_, n);
        pos_ += n;
        return part;
    }

  private:
    std::span<const std::uint8_t> bytes_;
    std::size_t pos_ = 0;
};

} // namespace accred::canonical
