// Who is at the other end of a fleet TLS connection: the kiosk named by its certificate.
#pragma once

#include "crypto/outcome.h"
#include "crypto/public_key.h"

#include <cstdint>
#include <string>

typedef struct x509_st X509;

namespace accred {

// A kiosk's identity is its Ed25519 public key. kiosk_id is fingerprint(key) and equals the
// certificate's CN; gate is its OU.
struct PeerIdentity {
    std::string kiosk_id;
    PublicKey key;
    std::string gate;
    std::string serial_hex;     // the certificate's serial number, lower-case hex
    std::int64_t not_after = 0; // the certificate's expiry, UTC seconds
};

// The identity in a peer certificate whose chain OpenSSL has already verified against the fleet
// CA. Checks what the chain check does not: an Ed25519 key, CN == fingerprint(key), exactly one
// non-empty OU (the gate), not a CA, usable for TLS client authentication. An Error names what is
// wrong. Does not check expiry or issuer: that is the verified chain's job.
Outcome<PeerIdentity> peer_identity(X509* cert);

} // namespace accred
