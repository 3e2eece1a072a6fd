#include "base64_text.h"

#include <sodium.h>

namespace accred {

std::string base64_encode(std::span<const std::uint8_t> bytes) {
    if (bytes.empty()) return {}; // (libsodium's arguments must not be null, as an empty span's are)
    const std::size_t size =
        sodium_base64_encoded_len(bytes.size(), sodium_base64_VARIANT_ORIGINAL);
    std::string text(size, '\0');
    sodium_bin2base64(text.data(), size, bytes.data(), bytes.size(),
                      sodium_base64_VARIANT_ORIGINAL);
    text.resize(size - 1); // the terminating NUL
    return text;
}

std::optional<std::vector<std::uint8_t>> base64_decode(std::string_view text,
                                                       std::size_t max_bytes) {
    // Four characters carry three bytes; anything longer than the cap allows is refused before
    // allocating.
    if (text.size() % 4 != 0 || text.size() / 4 * 3 > max_bytes + 2) return std::nullopt;
    if (text.empty()) return std::vector<std::uint8_t>{};
    std::vector<std::uint8_t> bytes(text.size() / 4 * 3);
    std::size_t length = 0;
    const char* end = nullptr;
    if (sodium_base642bin(bytes.data(), bytes.size(), text.data(), text.size(), nullptr, &length,
                          &end, sodium_base64_VARIANT_ORIGINAL) != 0 ||
        end != text.data() + text.size() || length > max_bytes)
        return std::nullopt;
    bytes.resize(length);
    // Canonical only: one text per value (libsodium accepts non-zero unused bits).
    if (base64_encode(bytes) != text) return std::nullopt;
    return bytes;
}

} // namespace accred
