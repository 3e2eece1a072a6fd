// kiosk join's check of the certificate the desk issued: it must be this kiosk's, for its gate,
// and verify against the fleet CA the kiosk is about to pin.
#pragma once

#include "crypto/outcome.h"
#include "fleet/tls/peer_identity.h"
#include "kiosk/app/kiosk_state.h"

#include <cstdint>
#include <string_view>

namespace accred {

// Checks that cert_pem verifies against ca_pem (a CA certificate, the only trust anchor) at now
// (UTC seconds) for TLS client use, that its Ed25519 key is this kiosk's own (kiosk.pub) and its
// gate this kiosk's. Returns the identity it names; an Error says what is wrong.
Outcome<PeerIdentity> check_fleet_certificate(const KioskState& state, std::string_view cert_pem,
                                              std::string_view ca_pem, std::int64_t now);

} // namespace accred
