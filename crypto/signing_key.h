// An Ed25519 signing key held in wiped, guarded memory.
#pragma once

#include "outcome.h"
#include "public_key.h"
#include "secret_buffer.h"

#include <cstdint>
#include <span>
#include <vector>

namespace accred {

class SigningKey {
  public:
    // A fresh random key pair.
    static SigningKey generate();
    // The key pair for a 32-byte seed (RFC 8032's "secret key"). Used when a key file is
    // decrypted and by test vectors.
    static Outcome<SigningKey> from_seed(std::span<const std::uint8_t> seed);

    const PublicKey& public_key() const { return public_key_; }
    Kid kid() const { return compute_kid(public_key_); }
    // The 32-byte seed, for writing the encrypted key file. Never print it.
    std::span<const std::uint8_t> seed() const { return secret_.span().first(32); }

    // Detached Ed25519 signature of message.
    std::array<std::uint8_t, 64> sign(std::span<const std::uint8_t> message) const;

  private:
    SigningKey(SecretBuffer secret, PublicKey pk)
        : secret_(std::move(secret)), public_key_(pk) {}
    SecretBuffer secret_; // libsodium's 64-byte form: seed || public key
    PublicKey public_key_;
};

// True only when signature is a valid Ed25519 signature of message under key. libsodium refuses
// non-canonical S (S >= L), small-order R and A, and non-canonical encodings.
[[nodiscard]] bool ed25519_verify_detached(std::span<const std::uint8_t> signature,
                                           std::span<const std::uint8_t> message,
                                           const PublicKey& key);

} // namespace accred
