// The web desk's TLS certificate (issuer web, docs/desk-web.md "TLS"). Browsers do not accept
// Ed25519 certificates, so the web desk cannot use the fleet CA's (fleet_ca.h): it has its own
// small CA, ECDSA P-256, made once per workspace, whose ca.crt the desk machines' browsers trust;
// or the organiser's own certificate, given as files.
#pragma once

#include "crypto/outcome.h"

#include <cstdint>
#include <string>
#include <string_view>
#include <vector>

typedef struct ssl_ctx_st SSL_CTX;

namespace accred {

struct WebTlsPaths {
    std::string dir;         // DESK_DIR/web-tls (0700)
    std::string ca_key;      // ECDSA P-256, PKCS#8 PEM encrypted under the desk passphrase, 0600
    std::string ca_cert;     // self-signed, 0644: what the desk machines' browsers trust
    std::string server_key;  // encrypted as ca.key, 0600
    std::string server_cert; // signed by the CA, serverAuth, for the names given, 0644
};

// The paths under desk_dir; touches nothing.
WebTlsPaths web_tls_paths(const std::string& desk_dir);

// Creates DESK_DIR/web-tls/ with the CA and the server certificate for server_names (DNS names or
// IP literals, at least one), both keys encrypted under passphrase, valid now-1h .. now+days
// (1..825: what browsers accept for a server certificate). Refuses if any of the files exists;
// leaves nothing behind on failure.
[[nodiscard]] Status create_web_tls(const std::string& desk_dir, const std::string& event_id,
                                    const std::vector<std::string>& server_names,
                                    std::string_view passphrase, std::int64_t now, int days);

// Sets ctx up to serve cert_path (PEM: the server certificate, then any intermediates) with the
// key in key_path (PEM; decrypted with passphrase when encrypted): TLS 1.2 or newer, the key
// checked against the certificate. The decrypted key lives only in ctx (OpenSSL wipes it when
// ctx goes). An Error names the file at fault.
[[nodiscard]] Status configure_web_tls(SSL_CTX* ctx, const std::string& cert_path,
                                       const std::string& key_path, std::string_view passphrase);

// base64(SHA-256(SubjectPublicKeyInfo)) of the certificate in cert_path: the pin Chromium's
// --ignore-certificate-errors-spki-list takes, and what an operator compares by eye.
Outcome<std::string> certificate_spki_pin(const std::string& cert_path);

} // namespace accred
