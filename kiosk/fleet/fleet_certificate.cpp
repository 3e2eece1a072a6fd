#include "fleet_certificate.h"

#include "fleet/tls/openssl_util.h"

#include <memory>
#include <openssl/err.h>
#include <openssl/pem.h>
#include <openssl/x509.h>
#include <openssl/x509_vfy.h>
#include <openssl/x509v3.h>
#include <string>

namespace accred {

using tls_internal::certificate_from_pem;
using tls_internal::X509StoreCtxPtr;
using tls_internal::X509StorePtr;

Outcome<PeerIdentity> check_fleet_certificate(const KioskState& state, std::string_view cert_pem,
                                              std::string_view ca_pem, std::int64_t now) {
    auto cert = certificate_from_pem(cert_pem, "the kiosk certificate");
    if (!cert) return cert.error();
    auto ca = certificate_from_pem(ca_pem, "the fleet CA certificate");
    if (!ca) return ca.error();
    if (X509_check_ca(ca->get()) <= 0)
        return Error{"the fleet CA certificate is not a CA certificate (give the desk's "
                     "fleet/ca.crt)"};
    X509StorePtr store(X509_STORE_new());
    X509StoreCtxPtr ctx(X509_STORE_CTX_new());
    if (!store || !ctx || X509_STORE_add_cert(store.get(), ca->get()) != 1 ||
        X509_STORE_CTX_init(ctx.get(), store.get(), cert->get(), nullptr) != 1) {
        ERR_clear_error();
        return Error{"cannot set up the certificate check (out of memory?)"};
    }
    X509_STORE_CTX_set_purpose(ctx.get(), X509_PURPOSE_SSL_CLIENT);
    X509_VERIFY_PARAM_set_time(X509_STORE_CTX_get0_param(ctx.get()), static_cast<time_t>(now));
    if (X509_verify_cert(ctx.get()) != 1) {
        const int error = X509_STORE_CTX_get_error(ctx.get());
        ERR_clear_error();
        return Error{"the kiosk certificate does not verify against the fleet CA: " +
                     std::string(X509_verify_cert_error_string(error))};
    }
    auto identity = peer_identity(cert->get());
    if (!identity) return Error{"the kiosk certificate: " + identity.error().message};
    if (identity->key != state.kiosk_key)
        return Error{"the certificate is for kiosk " + identity->kiosk_id + ", not for this one (" +
                     state.kiosk_id + "): approve this kiosk's own kiosk.csr at the desk"};
    if (identity->gate != state.gate_id)
        return Error{"the certificate is for gate " + identity->gate + ", this kiosk is at " +
                     state.gate_id};
    return identity;
}

} // namespace accred
