// A kiosk's certificate request to the desk's fleet CA.
#pragma once

#include "crypto/outcome.h"
#include "crypto/signing_key.h"

#include <string>

namespace accred {

// A PEM certificate request signed by the kiosk's own Ed25519 key: CN = kiosk_id, OU = gate.
// kiosk_id must be fingerprint(kiosk_key.public_key()) (as kiosk_state.h's kiosk_id is), and
// the gate printable ASCII of at most 64 characters; an Error otherwise. The key is converted for
// OpenSSL only for the signature and freed (wiped) before returning.
Outcome<std::string> make_kiosk_csr(const SigningKey& kiosk_key, const std::string& kiosk_id,
                                    const std::string& gate);

} // namespace accred
