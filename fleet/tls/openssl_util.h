// Internal to fleet/tls: owning handles for OpenSSL objects and the few conversions the CA, the
// server and the client share. Not for use outside fleet/tls.
#pragma once

#include "crypto/outcome.h"
#include "crypto/public_key.h"
#include "crypto/signing_key.h"

#include <cstdint>
#include <memory>
#include <openssl/evp.h>
#include <openssl/ssl.h>
#include <openssl/x509.h>
#include <openssl/x509v3.h>
#include <string>
#include <string_view>

namespace accred::tls_internal {

template <auto Free> struct OsslDeleter {
    template <typename T> void operator()(T* p) const { Free(p); }
};
using X509Ptr = std::unique_ptr<X509, OsslDeleter<X509_free>>;
using X509ReqPtr = std::unique_ptr<X509_REQ, OsslDeleter<X509_REQ_free>>;
using X509NamePtr = std::unique_ptr<X509_NAME, OsslDeleter<X509_NAME_free>>;
using X509StorePtr = std::unique_ptr<X509_STORE, OsslDeleter<X509_STORE_free>>;
using X509StoreCtxPtr = std::unique_ptr<X509_STORE_CTX, OsslDeleter<X509_STORE_CTX_free>>;
using X509ExtPtr = std::unique_ptr<X509_EXTENSION, OsslDeleter<X509_EXTENSION_free>>;
using EvpPkeyPtr = std::unique_ptr<EVP_PKEY, OsslDeleter<EVP_PKEY_free>>;
using BioPtr = std::unique_ptr<BIO, OsslDeleter<BIO_free_all>>;

// The most specific reason in OpenSSL's error queue (or "unknown reason"), emptying the queue so
// that a stale error never shows up in a later, unrelated message.
std::string openssl_error();

// The kiosk's Ed25519 key as an OpenSSL key. The seed is handed to OpenSSL straight from the
// SigningKey's guarded memory (no copy of ours to wipe); OpenSSL wipes its copy when the EVP_PKEY
// is freed.
Outcome<EvpPkeyPtr> ed25519_private_key(const SigningKey& key);
// A fresh random Ed25519 key (the CA's and the desk server's).
Outcome<EvpPkeyPtr> generate_ed25519_key();
// The 32-byte Ed25519 public key of key; an Error when it is any other algorithm or unusable.
Outcome<PublicKey> ed25519_public_key(const EVP_PKEY* key);

// One PEM certificate (the first in pem). what names it in errors.
Outcome<X509Ptr> certificate_from_pem(std::string_view pem, const std::string& what);
std::string certificate_to_pem(X509* cert);

// PKCS#8, encrypted with AES-256-CBC under a PBKDF2 key from passphrase (OpenSSL 3's default
// PBES2 parameters). An empty passphrase is refused.
Outcome<std::string> encrypted_private_key_pem(EVP_PKEY* key, std::string_view passphrase);
// Decrypts such a PEM; a wrong passphrase is an Error naming what.
Outcome<EvpPkeyPtr> private_key_from_encrypted_pem(std::string_view pem,
                                                   std::string_view passphrase,
                                                   const std::string& what);

// Exactly one entry of nid in name, non-empty, as UTF-8; an Error otherwise.
Outcome<std::string> single_name_entry(const X509_NAME* name, int nid, const char* label);
// Lower-case hex of a certificate serial number's magnitude.
std::string serial_hex(const ASN1_INTEGER* serial);
// Seconds since the epoch (UTC), or an Error for an unparseable time.
Outcome<std::int64_t> unix_time(const ASN1_TIME* time);

// True when text is 1..max_len bytes of printable ASCII (no control characters): what goes into
// a certificate's CN/OU here is an id, never free text.
bool printable_id(std::string_view text, std::size_t max_len);

} // namespace accred::tls_internal
