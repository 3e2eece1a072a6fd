// Lower-case hexadecimal, for fingerprints, logs and test vectors.
#pragma once

#include <cstdint>
#include <optional>
#include <span>
#include <string>
#include <string_view>
#include <vector>

namespace accred {

std::string hex_encode(std::span<const std::uint8_t> bytes);

// Accepts upper or lower case; nullopt on an odd length or a non-hex character.
[[nodiscard]] std::optional<std::vector<std::uint8_t>> hex_decode(std::string_view text);

} // namespace accred
