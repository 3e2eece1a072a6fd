// SHA-256 of a whole buffer, one definition for the whole project: the photo digests signed
// into credentials, the entry log's hash chain, photo files in bundles, key ids (RosterDigest
// alone streams, through libsodium's, over 40-odd bytes a holder). OpenSSL's implementation,
// which uses the processor's SHA instructions where it has them: on the kiosk's scan path an
// 8 KB photo's digest cost 34 us through libsodium's portable code, 6 us through OpenSSL's.
#pragma once

#include <array>
#include <cstdint>
#include <span>
#include <string_view>

namespace accred {

using Sha256Digest = std::array<std::uint8_t, 32>;

// The SHA-256 of bytes (FIPS 180-4). Never fails: where OpenSSL cannot (no memory for its
// context), libsodium's implementation gives the same digest.
Sha256Digest sha256_of(std::span<const std::uint8_t> bytes);
Sha256Digest sha256_of(std::string_view bytes);

} // namespace accred
