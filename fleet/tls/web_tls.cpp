#include "web_tls.h"

#include "certificate_builder.h"
#include "crypto/file_io.h"
#include "crypto/sha256.h"

#include <cerrno>
#include <cstring>
#include <openssl/ec.h>
#include <openssl/err.h>
#include <openssl/pem.h>
#include <sodium.h>
#include <sys/stat.h>
#include <unistd.h>

namespace accred {

using namespace tls_internal;

namespace {

constexpr std::int64_t kBackdateSeconds = 3600; // an hour of clock skew between machines
// Browsers refuse server certificates valid for longer than 825 days (CA/Browser Forum).
constexpr int kMaxDays = 825;
constexpr std::size_t kMaxPemFileBytes = 64 * 1024;

Outcome<EvpPkeyPtr> generate_p256_key() {
    EvpPkeyPtr key(EVP_EC_gen("P-256"));
    if (!key) return Error{"cannot generate an ECDSA P-256 key: " + openssl_error()};
    return key;
}

struct WebPems {
    std::string ca_key, ca_cert, server_key, server_cert;
};

Outcome<WebPems> make_web_pems(const std::string& event_id, const std::string& san,
                               std::string_view passphrase, std::int64_t nb, std::int64_t na) {
    auto ca_key = generate_p256_key();
    if (!ca_key) return ca_key.error();
    auto server_key = generate_p256_key();
    if (!server_key) return server_key.error();
    auto ca_name = make_name({{NID_commonName, "accred web desk CA " + event_id}});
    if (!ca_name) return ca_name.error();
    CertSpec ca{ca_name->get(), ca_key->get(), nullptr, ca_key->get(), nb, na, {}};
    ca.extensions = {{NID_basic_constraints, "critical,CA:TRUE,pathlen:0"},
                     {NID_key_usage, "critical,keyCertSign,cRLSign"},
                     {NID_subject_key_identifier, "hash"},
                     {NID_authority_key_identifier, "keyid:always"}};
    auto ca_cert = build_certificate(ca);
    if (!ca_cert) return ca_cert.error();
    auto server_name = make_name({{NID_commonName, "accred web desk " + event_id}});
    if (!server_name) return server_name.error();
    CertSpec server{
        server_name->get(), server_key->get(), ca_cert->get(), ca_key->get(), nb, na, {}};
    server.extensions = {{NID_basic_constraints, "critical,CA:FALSE"},
                         {NID_key_usage, "critical,digitalSignature"},
                         {NID_ext_key_usage, "serverAuth"},
                         {NID_subject_alt_name, san},
                         {NID_subject_key_identifier, "hash"},
                         {NID_authority_key_identifier, "keyid:always"}};
    auto server_cert = build_certificate(server);
    if (!server_cert) return server_cert.error();
    auto ca_key_pem = encrypted_private_key_pem(ca_key->get(), passphrase);
    if (!ca_key_pem) return ca_key_pem.error();
    auto server_key_pem = encrypted_private_key_pem(server_key->get(), passphrase);
    if (!server_key_pem) return server_key_pem.error();
    WebPems pems{std::move(ca_key_pem).value(), certificate_to_pem(ca_cert->get()),
                 std::move(server_key_pem).value(), certificate_to_pem(server_cert->get())};
    if (pems.ca_cert.empty() || pems.server_cert.empty())
        return Error{"cannot write the certificates: " + openssl_error()};
    return pems;
}

Status write_web_pems(const WebTlsPaths& paths, const WebPems& pems) {
    bool made_dir = false;
    if (::mkdir(paths.dir.c_str(), 0700) == 0)
        made_dir = true;
    else if (errno != EEXIST)
        return Error{"cannot create " + paths.dir + ": " + std::strerror(errno)};
    const std::pair<const std::string*, std::pair<const std::string*, unsigned>> files[] = {
        {&paths.ca_key, {&pems.ca_key, 0600}},
        {&paths.ca_cert, {&pems.ca_cert, 0644}},
        {&paths.server_key, {&pems.server_key, 0600}},
        {&paths.server_cert, {&pems.server_cert, 0644}},
    };
    std::vector<std::string> written;
    for (const auto& [path, content] : files) {
        if (auto s = write_new_file(*path, as_bytes(*content.first), content.second); !s) {
            for (const auto& w : written)
                ::unlink(w.c_str());
            if (made_dir) ::rmdir(paths.dir.c_str());
            return s;
        }
        written.push_back(*path);
    }
    return success();
}

// Every certificate in pem, in order.
Outcome<std::vector<X509Ptr>> certificate_chain(std::string_view pem, const std::string& what) {
    BioPtr bio(BIO_new_mem_buf(pem.data(), static_cast<int>(pem.size())));
    if (!bio) return Error{"out of memory reading " + what};
    std::vector<X509Ptr> chain;
    while (X509* cert = PEM_read_bio_X509(bio.get(), nullptr, nullptr, nullptr))
        chain.emplace_back(cert);
    ERR_clear_error(); // the end of the file reads as an error
    if (chain.empty()) return Error{what + " holds no PEM certificate"};
    return chain;
}

} // namespace

WebTlsPaths web_tls_paths(const std::string& desk_dir) {
    const std::string dir = desk_dir + "/web-tls";
    return {dir, dir + "/ca.key", dir + "/ca.crt", dir + "/server.key", dir + "/server.crt"};
}

Status create_web_tls(const std::string& desk_dir, const std::string& event_id,
                      const std::vector<std::string>& server_names, std::string_view passphrase,
                      std::int64_t now, int days) {
    if (days < 1 || days > kMaxDays)
        return Error{"the web certificate's validity must be 1 to " + std::to_string(kMaxDays) +
                     " days"};
    auto san = subject_alt_names(server_names);
    if (!san) return san.error();
    auto pems = make_web_pems(event_id, san.value(), passphrase, now - kBackdateSeconds,
                              now + static_cast<std::int64_t>(days) * 86400);
    if (!pems) return pems.error();
    auto s = write_web_pems(web_tls_paths(desk_dir), pems.value());
    sodium_memzero(pems->ca_key.data(), pems->ca_key.size());
    sodium_memzero(pems->server_key.data(), pems->server_key.size());
    return s;
}

Status configure_web_tls(SSL_CTX* ctx, const std::string& cert_path, const std::string& key_path,
                         std::string_view passphrase) {
    auto cert_pem = read_small_file(cert_path, kMaxPemFileBytes);
    if (!cert_pem) return cert_pem.error();
    auto chain = certificate_chain(cert_pem.value(), cert_path);
    if (!chain) return chain.error();
    auto key_pem = read_small_file(key_path, kMaxPemFileBytes);
    if (!key_pem) return key_pem.error();
    const bool encrypted = key_pem->find("ENCRYPTED") != std::string::npos;
    auto key =
        private_key_from_encrypted_pem(key_pem.value(), encrypted ? passphrase : "-", key_path);
    sodium_memzero(key_pem->data(), key_pem->size());
    if (!key) return key.error();
    if (SSL_CTX_set_min_proto_version(ctx, TLS1_2_VERSION) != 1 ||
        SSL_CTX_use_certificate(ctx, chain->front().get()) != 1)
        return Error{"cannot use " + cert_path + ": " + openssl_error()};
    for (std::size_t i = 1; i < chain->size(); ++i) {
        // SSL_CTX_add_extra_chain_cert takes ownership of what it is given.
        if (SSL_CTX_add_extra_chain_cert(ctx, (*chain)[i].release()) != 1)
            return Error{"cannot use the chain in " + cert_path + ": " + openssl_error()};
    }
    if (SSL_CTX_use_PrivateKey(ctx, key->get()) != 1 || SSL_CTX_check_private_key(ctx) != 1)
        return Error{key_path + " is not the key of " + cert_path + ": " + openssl_error()};
    SSL_CTX_set_options(ctx, SSL_OP_CIPHER_SERVER_PREFERENCE | SSL_OP_NO_RENEGOTIATION);
    return success();
}

Outcome<std::string> certificate_spki_pin(const std::string& cert_path) {
    auto pem = read_small_file(cert_path, kMaxPemFileBytes);
    if (!pem) return pem.error();
    auto cert = certificate_from_pem(pem.value(), cert_path);
    if (!cert) return cert.error();
    unsigned char* der = nullptr;
    const int len = i2d_PUBKEY(X509_get0_pubkey(cert->get()), &der);
    if (len <= 0) return Error{"cannot read the public key of " + cert_path};
    const Sha256Digest digest =
        sha256_of(std::span<const std::uint8_t>(der, static_cast<std::size_t>(len)));
    OPENSSL_free(der);
    char b64[sodium_base64_ENCODED_LEN(sizeof digest, sodium_base64_VARIANT_ORIGINAL)];
    sodium_bin2base64(b64, sizeof b64, digest.data(), digest.size(),
                      sodium_base64_VARIANT_ORIGINAL);
    return std::string(b64);
}

} // namespace accred
