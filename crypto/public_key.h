// Ed25519 public keys and their 8-byte key identifiers.
#pragma once

#include <array>
#include <cstdint>
#include <optional>
#include <span>
#include <string>

namespace accred {

using Kid = std::array<std::uint8_t, 8>;

struct PublicKey {
    std::array<std::uint8_t, 32> bytes{};
    bool operator==(const PublicKey&) const = default;
};

// kid = the first 8 bytes of SHA-256 of the 32-byte public key (docs/credential-format.md).
Kid compute_kid(const PublicKey& key);

// The 32 bytes as a public key, or nullopt when they are not a usable Ed25519 point: not on the
// curve, not canonical, or of small order (a key anyone could forge signatures for).
[[nodiscard]] std::optional<PublicKey> public_key_from_bytes(std::span<const std::uint8_t> bytes);

// A short printable fingerprint for people to compare: the kid in hex, grouped by 4.
std::string fingerprint(const PublicKey& key);

} // namespace accred
