// The policy part of a signed kiosk bundle: everything a gate decides with offline; the roster
// photos travel beside it in chunks (bundle_manifest.h, docs/bundle-format.md).
#pragma once

#include "bundle/revocation_list.h"
#include "crypto/public_key.h"
#include "event/event_definition.h"

#include <cstdint>
#include <map>
#include <string>
#include <vector>

namespace accred {

// One roster entry as a bundle carries it (after the manifest, in chunks): a holder, their
// photo file and perhaps their badge's claims. The kiosk keeps them in its bundle store
// (bundle_store.h), not in memory.
struct RosterPhoto {
    std::string holder; // holder id (sub)
    std::string bytes;  // the photo file; its digest must match the credential's photo claim
    // The claims of the holder's current badge (claims_encode bytes, no signature), for manual
    // lookup at the gate; empty when the holder has none or the bundle predates them.
    std::string claims;
    bool operator==(const RosterPhoto&) const = default;
};

struct KioskBundle {
    std::uint64_t version = 0;   // desk export counter; a kiosk refuses anything not newer
    std::uint64_t issued_at = 0; // UTC seconds
    EventDefinition event;
    std::vector<PublicKey> credential_keys; // keys whose credentials this event accepts
    RevocationList revocations;
    std::map<std::uint32_t, std::string> delegations; // delegation code -> name
    bool operator==(const KioskBundle&) const = default;
};

} // namespace accred
