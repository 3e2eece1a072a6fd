#include "server_tls_context.h"

#include "crypto/file_io.h"
#include "fleet_ca.h"

#include <openssl/err.h>

namespace accred::tls_internal {

namespace {

constexpr std::size_t kMaxPemFileBytes = 64 * 1024;

// The ex_data slot of the SSL_CTX that holds the admit callback, for the verify callback.
int admit_ex_index() {
    static const int index = SSL_CTX_get_ex_new_index(0, nullptr, nullptr, nullptr, nullptr);
    return index;
}

// OpenSSL's verify callback for the client's certificate chain. At depth 0, and only once
// OpenSSL's own checks (chain to ca.crt, signatures, dates, purpose) have passed, the kiosk's
// identity is read and put to admit(); returning 0 aborts the handshake with an alert.
int verify_kiosk(int preverify_ok, X509_STORE_CTX* store) {
    if (preverify_ok != 1) return 0;
    if (X509_STORE_CTX_get_error_depth(store) != 0) return 1;
    auto* ssl =
        static_cast<SSL*>(X509_STORE_CTX_get_ex_data(store, SSL_get_ex_data_X509_STORE_CTX_idx()));
    const auto* admit = ssl ? static_cast<const AdmitFn*>(
                                  SSL_CTX_get_ex_data(SSL_get_SSL_CTX(ssl), admit_ex_index()))
                            : nullptr;
    auto peer = peer_identity(X509_STORE_CTX_get_current_cert(store));
    if (!peer || !admits(admit, *peer)) {
        X509_STORE_CTX_set_error(store, X509_V_ERR_APPLICATION_VERIFICATION);
        return 0;
    }
    return 1;
}

Status configure(SSL_CTX& ctx, X509* ca, X509* cert, EVP_PKEY* key, const AdmitFn* admit) {
    const auto fail = [](const std::string& what) {
        return Status(Error{"cannot set up the desk's TLS: " + what + ": " + openssl_error()});
    };
    if (SSL_CTX_set_min_proto_version(&ctx, TLS1_3_VERSION) != 1)
        return fail("cannot require TLS 1.3");
    // No session resumption: a resumed TLS 1.3 session skips the client certificate and so the
    // admit() check, which would let a withdrawn kiosk back in on an old ticket.
    SSL_CTX_set_options(&ctx, SSL_OP_NO_TICKET | SSL_OP_NO_RENEGOTIATION | SSL_OP_NO_COMPRESSION);
    SSL_CTX_set_num_tickets(&ctx, 0);
    SSL_CTX_set_session_cache_mode(&ctx, SSL_SESS_CACHE_OFF);
    if (SSL_CTX_use_certificate(&ctx, cert) != 1) return fail("cannot use server.crt");
    if (SSL_CTX_use_PrivateKey(&ctx, key) != 1) return fail("cannot use server.key");
    if (SSL_CTX_check_private_key(&ctx) != 1)
        return fail("server.key does not belong to server.crt");
    // The context's store starts empty and stays so but for the fleet CA: no system CAs, so only
    // certificates this desk signed can ever verify.
    if (X509_STORE_add_cert(SSL_CTX_get_cert_store(&ctx), ca) != 1)
        return fail("cannot trust ca.crt");
    if (SSL_CTX_add_client_CA(&ctx, ca) != 1) return fail("cannot name ca.crt to clients");
    // The callback only reads it; OpenSSL's ex_data is untyped.
    if (SSL_CTX_set_ex_data(&ctx, admit_ex_index(), const_cast<AdmitFn*>(admit)) != 1)
        return fail("cannot attach the admission check to the TLS context");
    SSL_CTX_set_verify(&ctx, SSL_VERIFY_PEER | SSL_VERIFY_FAIL_IF_NO_PEER_CERT, verify_kiosk);
    return success();
}

} // namespace

bool admits(const AdmitFn* admit, const PeerIdentity& peer) {
    try {
        return admit != nullptr && *admit && (*admit)(peer);
    } catch (...) {
        return false; // an admission check that fails is a refusal
    }
}

Outcome<SslCtxPtr> make_server_tls_context(const std::string& desk_dir,
                                           const std::string& passphrase, const AdmitFn* admit) {
    const FleetCaPaths paths = fleet_ca_paths(desk_dir);
    auto ca_pem = read_small_file(paths.ca_cert, kMaxPemFileBytes);
    if (!ca_pem) return ca_pem.error();
    auto ca = certificate_from_pem(*ca_pem, paths.ca_cert);
    if (!ca) return ca.error();
    auto cert_pem = read_small_file(paths.server_cert, kMaxPemFileBytes);
    if (!cert_pem) return cert_pem.error();
    auto cert = certificate_from_pem(*cert_pem, paths.server_cert);
    if (!cert) return cert.error();
    auto key_pem = read_small_file(paths.server_key, kMaxPemFileBytes);
    if (!key_pem) return key_pem.error();
    auto key = private_key_from_encrypted_pem(*key_pem, passphrase,
                                              "the desk's TLS key " + paths.server_key);
    if (!key) return key.error();
    SslCtxPtr ctx(SSL_CTX_new(TLS_server_method()));
    if (!ctx) return Error{"cannot set up the desk's TLS: " + openssl_error()};
    // The context takes its own references to the certificates and key; ours go on return
    // (OpenSSL wipes the key when its last reference goes, with the context).
    if (auto s = configure(*ctx, ca->get(), cert->get(), key->get(), admit); !s) return s.error();
    return ctx;
}

} // namespace accred::tls_internal
