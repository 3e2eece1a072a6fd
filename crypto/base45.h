// Base45 (RFC 9285): the QR-alphanumeric-friendly binary encoding that carries AC1 credentials.
#pragma once

#include <cstdint>
#include <optional>
#include <span>
#include <string>
#include <string_view>
#include <vector>

namespace accred {

// Encodes bytes as Base45 text (3 characters per 2 bytes, 2 for a final odd byte).
std::string base45_encode(std::span<const std::uint8_t> bytes);

// Decodes canonical Base45 only: every character in the alphabet, length not 1 mod 3,
// 3-character groups at most 65535 and a final 2-character group at most 255. With these
// rules every byte string has exactly one encoding. Returns nullopt on any violation.
[[nodiscard]] std::optional<std::vector<std::uint8_t>> base45_decode(std::string_view text);

} // namespace accred
