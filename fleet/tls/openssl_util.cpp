#include "openssl_util.h"

#include "crypto/hex.h"

#include <cstring>
#include <ctime>
#include <openssl/bn.h>
#include <openssl/err.h>
#include <openssl/pem.h>
#include <vector>

namespace accred::tls_internal {
namespace {

// OpenSSL's pem_password_cb: copies the passphrase (never NUL-terminated here) into OpenSSL's
// buffer, which OpenSSL cleanses after use.
int passphrase_callback(char* buf, int size, int /*rwflag*/, void* user) {
    const auto* passphrase = static_cast<const std::string_view*>(user);
    if (passphrase == nullptr || passphrase->empty()) return -1;
    if (passphrase->size() > static_cast<std::size_t>(size)) return -1;
    std::memcpy(buf, passphrase->data(), passphrase->size());
    return static_cast<int>(passphrase->size());
}

} // namespace

std::string openssl_error() {
    unsigned long last = 0;
    while (const unsigned long e = ERR_get_error())
        last = e;
    if (last == 0) return "unknown reason";
    const char* reason = ERR_reason_error_string(last);
    if (reason != nullptr) return reason;
    char buf[256];
    ERR_error_string_n(last, buf, sizeof buf);
    return buf;
}

Outcome<EvpPkeyPtr> ed25519_private_key(const SigningKey& key) {
    const auto seed = key.seed();
    EvpPkeyPtr pkey(
        EVP_PKEY_new_raw_private_key(EVP_PKEY_ED25519, nullptr, seed.data(), seed.size()));
    if (!pkey) return Error{"cannot load the kiosk key into OpenSSL: " + openssl_error()};
    return pkey;
}

Outcome<EvpPkeyPtr> generate_ed25519_key() {
    EvpPkeyPtr pkey(EVP_PKEY_Q_keygen(nullptr, nullptr, "ED25519"));
    if (!pkey) return Error{"cannot generate an Ed25519 key: " + openssl_error()};
    return pkey;
}

Outcome<PublicKey> ed25519_public_key(const EVP_PKEY* key) {
    if (key == nullptr) return Error{"no public key"};
    if (EVP_PKEY_get_id(key) != EVP_PKEY_ED25519)
        return Error{std::string("the key is ") +
                     (EVP_PKEY_get0_type_name(key) ? EVP_PKEY_get0_type_name(key) : "unknown") +
                     ", not Ed25519"};
    std::uint8_t raw[32];
    std::size_t len = sizeof raw;
    if (EVP_PKEY_get_raw_public_key(key, raw, &len) != 1 || len != sizeof raw) {
        ERR_clear_error();
        return Error{"cannot read the Ed25519 public key"};
    }
    const auto pk = public_key_from_bytes(std::span<const std::uint8_t>(raw, len));
    if (!pk) return Error{"the Ed25519 public key is not a usable point"};
    return *pk;
}

Outcome<X509Ptr> certificate_from_pem(std::string_view pem, const std::string& what) {
    if (pem.size() > 64 * 1024) return Error{what + " is too large for a certificate"};
    BioPtr bio(BIO_new_mem_buf(pem.data(), static_cast<int>(pem.size())));
    if (!bio) return Error{"out of memory reading " + what};
    X509Ptr cert(PEM_read_bio_X509(bio.get(), nullptr, nullptr, nullptr));
    if (!cert) return Error{what + " is not a PEM certificate: " + openssl_error()};
    return cert;
}

std::string certificate_to_pem(X509* cert) {
    BioPtr bio(BIO_new(BIO_s_mem()));
    if (!bio || PEM_write_bio_X509(bio.get(), cert) != 1) return {};
    char* data = nullptr;
    const long len = BIO_get_mem_data(bio.get(), &data);
    return std::string(data, static_cast<std::size_t>(len));
}

Outcome<std::string> encrypted_private_key_pem(EVP_PKEY* key, std::string_view passphrase) {
    if (passphrase.empty()) return Error{"a passphrase is needed to encrypt a private key"};
    BioPtr bio(BIO_new(BIO_s_mem()));
    if (!bio) return Error{"out of memory"};
    // kstr/klen rather than a callback: OpenSSL derives the AES key with PBKDF2 (PBES2) from
    // exactly these bytes. The BIO receives only ciphertext.
    if (PEM_write_bio_PKCS8PrivateKey(bio.get(), key, EVP_aes_256_cbc(),
                                      const_cast<char*>(passphrase.data()),
                                      static_cast<int>(passphrase.size()), nullptr, nullptr) != 1)
        return Error{"cannot encrypt the private key: " + openssl_error()};
    char* data = nullptr;
    const long len = BIO_get_mem_data(bio.get(), &data);
    return std::string(data, static_cast<std::size_t>(len));
}

Outcome<EvpPkeyPtr> private_key_from_encrypted_pem(std::string_view pem,
                                                   std::string_view passphrase,
                                                   const std::string& what) {
    if (passphrase.empty()) return Error{"a passphrase is needed to decrypt " + what};
    BioPtr bio(BIO_new_mem_buf(pem.data(), static_cast<int>(pem.size())));
    if (!bio) return Error{"out of memory reading " + what};
    EvpPkeyPtr key(PEM_read_bio_PrivateKey(bio.get(), nullptr, passphrase_callback, &passphrase));
    if (!key) {
        ERR_clear_error();
        return Error{"cannot decrypt " + what + ": wrong passphrase, or the file is damaged"};
    }
    return key;
}

Outcome<std::string> single_name_entry(const X509_NAME* name, int nid, const char* label) {
    if (name == nullptr) return Error{std::string("no subject name (") + label + ")"};
    const int first = X509_NAME_get_index_by_NID(name, nid, -1);
    if (first < 0) return Error{std::string("the subject has no ") + label};
    if (X509_NAME_get_index_by_NID(name, nid, first) >= 0)
        return Error{std::string("the subject has more than one ") + label};
    const ASN1_STRING* data = X509_NAME_ENTRY_get_data(X509_NAME_get_entry(name, first));
    unsigned char* utf8 = nullptr;
    const int len = ASN1_STRING_to_UTF8(&utf8, data);
    if (len < 0) {
        ERR_clear_error();
        return Error{std::string("the subject's ") + label + " is not readable text"};
    }
    std::string out(reinterpret_cast<const char*>(utf8), static_cast<std::size_t>(len));
    OPENSSL_free(utf8);
    if (out.empty()) return Error{std::string("the subject's ") + label + " is empty"};
    if (out.find('\0') != std::string::npos)
        return Error{std::string("the subject's ") + label + " contains a NUL byte"};
    return out;
}

std::string serial_hex(const ASN1_INTEGER* serial) {
    std::unique_ptr<BIGNUM, OsslDeleter<BN_free>> bn(ASN1_INTEGER_to_BN(serial, nullptr));
    if (!bn) {
        ERR_clear_error();
        return {};
    }
    std::vector<std::uint8_t> bytes(static_cast<std::size_t>(BN_num_bytes(bn.get())));
    BN_bn2bin(bn.get(), bytes.data());
    return hex_encode(bytes);
}

Outcome<std::int64_t> unix_time(const ASN1_TIME* time) {
    struct tm tm {};
    if (time == nullptr || ASN1_TIME_to_tm(time, &tm) != 1) {
        ERR_clear_error();
        return Error{"unreadable certificate time"};
    }
    return static_cast<std::int64_t>(timegm(&tm));
}

bool printable_id(std::string_view text, std::size_t max_len) {
    if (text.empty() || text.size() > max_len) return false;
    for (const char c : text)
        if (c < 0x20 || c > 0x7e) return false;
    return true;
}

} // namespace accred::tls_internal
