// A kiosk's state folder:
//   DIR/kiosk.json        gate, pinned event key, versions in force, the bundle store's file name
//                         (written atomically)
//   DIR/kiosk.key/.pub    the kiosk's own Ed25519 key (secret encrypted, 0600): signs checkpoints
//   DIR/bundle-N.db       the bundle store in force (bundle_store.h), begun from whole bundle N
//                         and brought up to date by deltas
//   DIR/revocations       the newest revocation update
//   DIR/log.db            the entry log
#pragma once

#include "bundle/bundle_store.h"
#include "bundle/kiosk_bundle.h"
#include "crypto/key_file.h"
#include "crypto/outcome.h"
#include "crypto/signing_key.h"

#include <cstdint>
#include <memory>
#include <optional>
#include <span>
#include <string>

namespace accred {

struct KioskState {
    std::string dir;
    std::string gate_id;
    PublicKey event_key;  // pinned at enrollment; every later file must be signed by it
    PublicKey kiosk_key;  // this kiosk's public key
    std::string kiosk_id; // fingerprint of kiosk_key
    KioskBundle bundle;   // the policy in force: the store's manifest
    // The roster in force (photos by holder). Shared so that a state can be copied; used by the
    // engine thread only.
    std::shared_ptr<BundleStore> store;
    RevocationList revocations; // the newest: the bundle's, or a later update's
    const Gate& gate() const { return *bundle.event.find_gate(gate_id); }
};

// Verifies the whole bundle in bundle_file with the event key, checks the gate exists in it,
// creates DIR with a new kiosk key encrypted under passphrase, the bundle store and an empty
// log. Refuses an existing state folder, and a delta.
Outcome<KioskState> enroll_kiosk(const std::string& dir, const std::string& bundle_file,
                                 const PublicKey& event_key, const std::string& gate_id,
                                 std::string_view passphrase, const KdfCost& cost);
// The same with the kiosk key given (kiosk enroll also makes the certificate request with it).
Outcome<KioskState> enroll_kiosk(const std::string& dir, const std::string& bundle_file,
                                 const PublicKey& event_key, const std::string& gate_id,
                                 std::string_view passphrase, const KdfCost& cost,
                                 const SigningKey& key);

// Loads DIR, re-verifying the stored manifest, the store's roster digest and the revocation
// update with the pinned event key.
Outcome<KioskState> load_kiosk(const std::string& dir);

// Writes DIR/kiosk.json for state (atomically).
[[nodiscard]] Status save_kiosk_config(const KioskState& state);

} // namespace accred
