// A kiosk's state folder:
//   DIR/kiosk.json        gate, pinned event key, versions in force (written atomically)
//   DIR/kiosk.key/.pub    the kiosk's own Ed25519 key (secret encrypted, 0600): signs checkpoints
//   DIR/bundle            the bundle in force;  DIR/revocations  the newest revocation update
//   DIR/log.db            the entry log
#pragma once

#include "bundle/kiosk_bundle.h"
#include "crypto/key_file.h"
#include "crypto/outcome.h"
#include "crypto/signing_key.h"

#include <cstdint>
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
    KioskBundle bundle;
    RevocationList revocations; // the newest: the bundle's, or a later update's
    const Gate& gate() const { return *bundle.event.find_gate(gate_id); }
};

// Verifies the bundle with the event key, checks the gate exists in it, creates DIR with a new
// kiosk key encrypted under passphrase, and an empty log. Refuses an existing state folder.
Outcome<KioskState> enroll_kiosk(const std::string& dir, const std::string& bundle_file,
                                 const PublicKey& event_key, const std::string& gate_id,
                                 std::string_view passphrase, const KdfCost& cost);
// The same with the kiosk key given (kiosk enroll also makes the certificate request with it).
Outcome<KioskState> enroll_kiosk(const std::string& dir, const std::string& bundle_file,
                                 const PublicKey& event_key, const std::string& gate_id,
                                 std::string_view passphrase, const KdfCost& cost,
                                 const SigningKey& key);

// Loads DIR, re-verifying the stored bundle and update with the pinned event key.
Outcome<KioskState> load_kiosk(const std::string& dir);

// Installs a newer bundle or revocation update (whichever file is), signed by the pinned event
// key, for the same event, with a version above the one in force. Anything else is refused and
// the files in force stay as they are. Returns a line saying what was installed.
Outcome<std::string> update_kiosk(KioskState& state, const std::string& file);

// update_kiosk on bytes already read (a file, or an update handed down by the desk): the same
// checks, the same atomic replacement, the same refusals. what names the bytes in messages.
Outcome<std::string> install_update_bytes(KioskState& state, std::span<const std::uint8_t> bytes,
                                          const std::string& what);

} // namespace accred
