#include "peer_identity.h"

#include "openssl_util.h"

#include <openssl/err.h>

namespace accred {

using namespace tls_internal;

Outcome<PeerIdentity> peer_identity(X509* cert) {
    if (cert == nullptr) return Error{"the peer sent no certificate"};
    auto key = ed25519_public_key(X509_get0_pubkey(cert));
    if (!key) return Error{"the peer certificate's key: " + key.error().message};
    const X509_NAME* subject = X509_get_subject_name(cert);
    auto cn = single_name_entry(subject, NID_commonName, "CN (kiosk id)");
    if (!cn) return Error{"the peer certificate: " + cn.error().message};
    auto ou = single_name_entry(subject, NID_organizationalUnitName, "OU (gate)");
    if (!ou) return Error{"the peer certificate: " + ou.error().message};
    const std::string expected = fingerprint(*key);
    // The key is the identity; the CN is only its printed name. A certificate whose CN names
    // another kiosk would let one kiosk's rows be filed under another's id.
    if (*cn != expected)
        return Error{"the peer certificate's CN " + *cn + " is not the fingerprint of its key (" +
                     expected + ")"};
    // A kiosk certificate is never a CA, and must be meant for TLS client authentication (the
    // desk's own server certificate, for one, is not).
    if (X509_check_ca(cert) != 0) return Error{"the peer certificate is a CA certificate"};
    if (X509_check_purpose(cert, X509_PURPOSE_SSL_CLIENT, 0) != 1) {
        ERR_clear_error();
        return Error{"the peer certificate is not for TLS client authentication"};
    }
    auto not_after = unix_time(X509_get0_notAfter(cert));
    if (!not_after) return Error{"the peer certificate's expiry: " + not_after.error().message};
    PeerIdentity id;
    id.kiosk_id = std::move(*cn);
    id.key = *key;
    id.gate = std::move(*ou);
    id.serial_hex = serial_hex(X509_get0_serialNumber(cert));
    id.not_after = *not_after;
    return id;
}

} // namespace accred
