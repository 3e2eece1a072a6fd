// Key files in the manner of minisign: an "untrusted comment:" line, then one base64 line.
//
// Public key:  base64( "Ed" | kid[8] | public key[32] )                                 42 bytes
// Secret key:  base64( "Ed" | kid[8] | "A2" | "XC" | opslimit[8 LE] | memlimit[8 LE]
//                      | salt[16] | nonce[24] | XChaCha20-Poly1305(seed[32]) [48] )     118 bytes
// The secret key's cipher key is Argon2id(passphrase, salt, opslimit, memlimit); everything
// before the ciphertext is authenticated as associated data, so no parameter can be altered.
#pragma once

#include "outcome.h"
#include "public_key.h"
#include "secret_buffer.h"
#include "signing_key.h"

#include <cstdint>
#include <optional>
#include <string>

namespace accred {

// Argon2id cost. The default is libsodium's MODERATE (3 passes, 256 MiB): about a second on the
// desk laptop, which an attacker with the stolen file pays for every guess.
struct KdfCost {
    std::uint64_t opslimit;
    std::uint64_t memlimit;
    static KdfCost moderate();
    // "interactive" (64 MiB), "moderate" (256 MiB) or "sensitive" (1 GiB); nullopt otherwise.
    static std::optional<KdfCost> named(const std::string& name);
    // The cheapest cost libsodium allows; only for tests, where thousands of keys are made.
    static KdfCost minimum_for_tests();
};

std::string encode_public_key_file(const PublicKey& key, const std::string& comment);
Outcome<PublicKey> decode_public_key_file(const std::string& text);

// Encrypts the key's seed under passphrase. Fails only if libsodium cannot allocate memory.
Outcome<std::string> encode_secret_key_file(const SigningKey& key, std::string_view passphrase,
                                            const KdfCost& cost, const std::string& comment);
// Decrypts; a wrong passphrase or an altered file is the same clear error, never a wrong key.
Outcome<SigningKey> decode_secret_key_file(const std::string& text, std::string_view passphrase);

// The same, on files: written with write_new_file (O_EXCL|O_NOFOLLOW), public 0644, secret 0600.
Status write_public_key_file(const std::string& path, const PublicKey& key);
Outcome<PublicKey> read_public_key_file(const std::string& path);
Status write_secret_key_file(const std::string& path, const SigningKey& key,
                             std::string_view passphrase, const KdfCost& cost);
Outcome<SigningKey> read_secret_key_file(const std::string& path, std::string_view passphrase);

} // namespace accred
