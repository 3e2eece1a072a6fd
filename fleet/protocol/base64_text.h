// Base64 (RFC 4648, standard alphabet, with padding) for binary fields in the sync messages.
#pragma once

#include <cstdint>
#include <optional>
#include <span>
#include <string>
#include <string_view>
#include <vector>

namespace accred {

std::string base64_encode(std::span<const std::uint8_t> bytes);

// The bytes of text, or nullopt unless text is canonical base64 (padding present, no spaces, no
// other characters, unused bits zero) of at most max_bytes bytes.
[[nodiscard]] std::optional<std::vector<std::uint8_t>> base64_decode(std::string_view text,
                                                                     std::size_t max_bytes);

} // namespace accred
