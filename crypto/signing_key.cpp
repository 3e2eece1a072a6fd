#include "signing_key.h"

#include <algorithm>
#include <sodium.h>

namespace accred {

SigningKey SigningKey::generate() {
    SecretBuffer seed(crypto_sign_SEEDBYTES);
    randombytes_buf(seed.data(), seed.size());
    // from_seed cannot fail on a 32-byte seed.
    return std::move(from_seed(seed.span()).value());
}

Outcome<SigningKey> SigningKey::from_seed(std::span<const std::uint8_t> seed) {
    if (!sodium_ready()) return Error{"libsodium could not be initialised"};
    if (seed.size() != crypto_sign_SEEDBYTES) return Error{"an Ed25519 seed is 32 bytes"};
    SecretBuffer secret(crypto_sign_SECRETKEYBYTES);
    PublicKey pk;
    crypto_sign_seed_keypair(pk.bytes.data(), secret.data(), seed.data());
    return SigningKey(std::move(secret), pk);
}

std::array<std::uint8_t, 64> SigningKey::sign(std::span<const std::uint8_t> message) const {
    std::array<std::uint8_t, 64> signature{};
    crypto_sign_detached(signature.data(), nullptr, message.data(), message.size(),
                         secret_.data());
    return signature;
}

bool ed25519_verify_detached(std::span<const std::uint8_t> signature,
                             std::span<const std::uint8_t> message, const PublicKey& key) {
    if (!sodium_ready() || signature.size() != crypto_sign_BYTES) return false;
    return crypto_sign_verify_detached(signature.data(), message.data(), message.size(),
                                       key.bytes.data()) == 0;
}

} // namespace accred
