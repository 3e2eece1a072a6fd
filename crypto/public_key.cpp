#include "public_key.h"

#include "hex.h"
#include "sha256.h"
#include "secret_buffer.h"

#include <algorithm>
#include <sodium.h>

namespace accred {

Kid compute_kid(const PublicKey& key) {
    const Sha256Digest digest = sha256_of(key.bytes);
    Kid kid{};
    std::copy_n(digest.begin(), kid.size(), kid.begin());
    return kid;
}

std::optional<PublicKey> public_key_from_bytes(std::span<const std::uint8_t> bytes) {
    if (!sodium_ready() || bytes.size() != crypto_sign_PUBLICKEYBYTES) return std::nullopt;
    // crypto_core_ed25519_is_valid_point refuses non-canonical encodings, points off the curve,
    // small-order points and points outside the main subgroup.
    if (crypto_core_ed25519_is_valid_point(bytes.data()) != 1) return std::nullopt;
    PublicKey key;
    std::copy(bytes.begin(), bytes.end(), key.bytes.begin());
    return key;
}

std::string fingerprint(const PublicKey& key) {
    const std::string hex = hex_encode(compute_kid(key));
    std::string out;
    for (std::size_t i = 0; i < hex.size(); ++i) {
        if (i > 0 && i % 4 == 0) out += '-';
        out += hex[i];
    }
    return out;
}

} // namespace accred
