#include "key_file.h"

#include "file_io.h"
#include "hex.h"
#include "passphrase.h"

#include <algorithm>
#include <cstring>
#include <sodium.h>
#include <vector>

namespace accred {
namespace {

constexpr std::string_view kCommentPrefix = "untrusted comment: ";
constexpr std::size_t kPublicBytes = 2 + 8 + 32;
constexpr std::size_t kSaltBytes = crypto_pwhash_SALTBYTES;                          // 16
constexpr std::size_t kNonceBytes = crypto_aead_xchacha20poly1305_ietf_NPUBBYTES;    // 24
constexpr std::size_t kTagBytes = crypto_aead_xchacha20poly1305_ietf_ABYTES;         // 16
constexpr std::size_t kHeaderBytes = 2 + 8 + 2 + 2 + 8 + 8 + kSaltBytes + kNonceBytes; // 70
constexpr std::size_t kSecretBytes = kHeaderBytes + crypto_sign_SEEDBYTES + kTagBytes;  // 118
// Key files are two short lines; anything much larger is not a key file.
constexpr std::size_t kMaxKeyFileBytes = 4096;

void put_u64le(std::uint8_t* out, std::uint64_t v) {
    for (int i = 0; i < 8; ++i) out[i] = static_cast<std::uint8_t>(v >> (8 * i));
}
std::uint64_t get_u64le(const std::uint8_t* in) {
    std::uint64_t v = 0;
    for (int i = 7; i >= 0; --i) v = v << 8 | in[i];
    return v;
}

std::string to_base64(std::span<const std::uint8_t> bytes) {
    std::string out(sodium_base64_encoded_len(bytes.size(), sodium_base64_VARIANT_ORIGINAL), '\0');
    sodium_bin2base64(out.data(), out.size(), bytes.data(), bytes.size(),
                      sodium_base64_VARIANT_ORIGINAL);
    out.resize(std::strlen(out.c_str()));
    return out;
}

// Splits "untrusted comment: ...\n<base64>\n" and decodes the second line to exactly want bytes.
Outcome<std::vector<std::uint8_t>> decode_key_text(const std::string& text, std::size_t want,
                                                   const char* what) {
    const auto newline = text.find('\n');
    if (newline == std::string::npos || text.compare(0, kCommentPrefix.size(), kCommentPrefix) != 0)
        return Error{std::string("not a ") + what + " file: the first line must start with \"" +
                     std::string(kCommentPrefix) + "\""};
    std::string line = text.substr(newline + 1);
    while (!line.empty() && (line.back() == '\n' || line.back() == '\r')) line.pop_back();
    if (line.find('\n') != std::string::npos)
        return Error{std::string("not a ") + what + " file: more than two lines"};
    std::vector<std::uint8_t> bytes(want + 1);
    std::size_t len = 0;
    const char* end = nullptr;
    if (sodium_base642bin(bytes.data(), bytes.size(), line.data(), line.size(), nullptr, &len,
                          &end, sodium_base64_VARIANT_ORIGINAL) != 0 ||
        end != line.data() + line.size() || len != want)
        return Error{std::string("not a ") + what + " file: the key line is not valid base64 of " +
                     std::to_string(want) + " bytes"};
    bytes.resize(len);
    if (bytes[0] != 'E' || bytes[1] != 'd')
        return Error{std::string("not a ") + what + " file: unknown signature algorithm"};
    return bytes;
}

} // namespace

KdfCost KdfCost::moderate() {
    return {crypto_pwhash_OPSLIMIT_MODERATE, crypto_pwhash_MEMLIMIT_MODERATE};
}
std::optional<KdfCost> KdfCost::named(const std::string& name) {
    if (name == "interactive")
        return KdfCost{crypto_pwhash_OPSLIMIT_INTERACTIVE, crypto_pwhash_MEMLIMIT_INTERACTIVE};
    if (name == "moderate") return moderate();
    if (name == "sensitive")
        return KdfCost{crypto_pwhash_OPSLIMIT_SENSITIVE, crypto_pwhash_MEMLIMIT_SENSITIVE};
    return std::nullopt;
}

KdfCost KdfCost::minimum_for_tests() {
    return {crypto_pwhash_OPSLIMIT_MIN, crypto_pwhash_MEMLIMIT_MIN};
}

std::string encode_public_key_file(const PublicKey& key, const std::string& comment) {
    std::array<std::uint8_t, kPublicBytes> raw{};
    raw[0] = 'E';
    raw[1] = 'd';
    const Kid kid = compute_kid(key);
    std::copy(kid.begin(), kid.end(), raw.begin() + 2);
    std::copy(key.bytes.begin(), key.bytes.end(), raw.begin() + 10);
    return std::string(kCommentPrefix) + comment + "\n" + to_base64(raw) + "\n";
}

Outcome<PublicKey> decode_public_key_file(const std::string& text) {
    if (!sodium_ready()) return Error{"libsodium could not be initialised"};
    auto raw = decode_key_text(text, kPublicBytes, "public key");
    if (!raw) return raw.error();
    auto key = public_key_from_bytes(std::span(raw.value()).subspan(10, 32));
    if (!key) return Error{"the public key is not a valid Ed25519 key"};
    const Kid kid = compute_kid(*key);
    if (!std::equal(kid.begin(), kid.end(), raw.value().begin() + 2))
        return Error{"the public key file is damaged: its key id does not match the key"};
    return *key;
}

Outcome<std::string> encode_secret_key_file(const SigningKey& key, std::string_view passphrase,
                                            const KdfCost& cost, const std::string& comment) {
    std::array<std::uint8_t, kSecretBytes> raw{};
    std::uint8_t* p = raw.data();
    *p++ = 'E';
    *p++ = 'd';
    const Kid kid = key.kid();
    p = std::copy(kid.begin(), kid.end(), p);
    *p++ = 'A'; // Argon2id
    *p++ = '2';
    *p++ = 'X'; // XChaCha20-Poly1305
    *p++ = 'C';
    put_u64le(p, cost.opslimit);
    p += 8;
    put_u64le(p, cost.memlimit);
    p += 8;
    std::uint8_t* salt = p;
    randombytes_buf(salt, kSaltBytes);
    p += kSaltBytes;
    std::uint8_t* nonce = p;
    randombytes_buf(nonce, kNonceBytes);
    p += kNonceBytes;

    SecretBuffer cipher_key(crypto_aead_xchacha20poly1305_ietf_KEYBYTES);
    if (crypto_pwhash(cipher_key.data(), cipher_key.size(), passphrase.data(), passphrase.size(),
                      salt, cost.opslimit, static_cast<std::size_t>(cost.memlimit),
                      crypto_pwhash_ALG_ARGON2ID13) != 0)
        return Error{"not enough memory to derive the key from the passphrase"};
    unsigned long long clen = 0;
    crypto_aead_xchacha20poly1305_ietf_encrypt(p, &clen, key.seed().data(), key.seed().size(),
                                               raw.data(), kHeaderBytes, nullptr, nonce,
                                               cipher_key.data());
    return std::string(kCommentPrefix) + comment + "\n" + to_base64(raw) + "\n";
}

Outcome<SigningKey> decode_secret_key_file(const std::string& text, std::string_view passphrase) {
    if (!sodium_ready()) return Error{"libsodium could not be initialised"};
    auto decoded = decode_key_text(text, kSecretBytes, "secret key");
    if (!decoded) return decoded.error();
    const std::vector<std::uint8_t>& raw = decoded.value();
    if (raw[10] != 'A' || raw[11] != '2' || raw[12] != 'X' || raw[13] != 'C')
        return Error{"the secret key file uses an unknown encryption scheme"};
    const std::uint64_t opslimit = get_u64le(&raw[14]);
    const std::uint64_t memlimit = get_u64le(&raw[22]);
    // Bounds, so that a doctored file cannot make us allocate gigabytes or spin for hours.
    if (opslimit < crypto_pwhash_OPSLIMIT_MIN || opslimit > crypto_pwhash_OPSLIMIT_SENSITIVE ||
        memlimit < crypto_pwhash_MEMLIMIT_MIN || memlimit > crypto_pwhash_MEMLIMIT_SENSITIVE)
        return Error{"the secret key file has implausible key-derivation parameters"};
    const std::uint8_t* salt = &raw[30];
    const std::uint8_t* nonce = salt + kSaltBytes;
    const std::uint8_t* cipher = raw.data() + kHeaderBytes;

    SecretBuffer cipher_key(crypto_aead_xchacha20poly1305_ietf_KEYBYTES);
    if (crypto_pwhash(cipher_key.data(), cipher_key.size(), passphrase.data(), passphrase.size(),
                      salt, opslimit, static_cast<std::size_t>(memlimit),
                      crypto_pwhash_ALG_ARGON2ID13) != 0)
        return Error{"not enough memory to derive the key from the passphrase"};
    SecretBuffer seed(crypto_sign_SEEDBYTES);
    unsigned long long mlen = 0;
    if (crypto_aead_xchacha20poly1305_ietf_decrypt(seed.data(), &mlen, nullptr, cipher,
                                                   crypto_sign_SEEDBYTES + kTagBytes, raw.data(),
                                                   kHeaderBytes, nonce, cipher_key.data()) != 0)
        return wrong_passphrase_error();
    auto key = SigningKey::from_seed(seed.span());
    if (!key) return key.error();
    const Kid kid = key->kid();
    if (!std::equal(kid.begin(), kid.end(), raw.begin() + 2))
        return Error{"the secret key file is damaged: its key id does not match the key"};
    return key;
}

Status write_public_key_file(const std::string& path, const PublicKey& key) {
    const std::string text =
        encode_public_key_file(key, "accreditation public key " + fingerprint(key));
    return write_new_file(path, as_bytes(text), 0644);
}

Outcome<PublicKey> read_public_key_file(const std::string& path) {
    auto text = read_small_file(path, kMaxKeyFileBytes);
    if (!text) return text.error();
    auto key = decode_public_key_file(text.value());
    if (!key) return Error{path + ": " + key.error().message};
    return key;
}

Status write_secret_key_file(const std::string& path, const SigningKey& key,
                             std::string_view passphrase, const KdfCost& cost) {
    auto text = encode_secret_key_file(key, passphrase, cost,
                                       "accreditation secret key " +
                                           fingerprint(key.public_key()) +
                                           " (encrypted with a passphrase)");
    if (!text) return text.error();
    return write_new_file(path, as_bytes(text.value()), 0600);
}

Outcome<SigningKey> read_secret_key_file(const std::string& path, std::string_view passphrase) {
    auto text = read_secret_file(path, kMaxKeyFileBytes);
    if (!text) return text.error();
    auto key = decode_secret_key_file(std::string(text.value().view()), passphrase);
    if (!key) return error_in(path + ": ", key.error()); // a wrong passphrase stays a refusal
    return key;
}

} // namespace accred
