// The kiosk CLI's fleet parts (docs/fleet.md): the certificate request made at enrolment and by
// kiosk csr, kiosk join (and --leave), and the sync thread kiosk run starts once joined.
#pragma once

#include "crypto/outcome.h"
#include "crypto/signing_key.h"
#include "kiosk/app/kiosk_clock.h"
#include "kiosk/app/kiosk_state.h"
#include "kiosk/fleet/sync_client.h"
#include "kiosk/app/sync_mailbox.h"

#include <memory>
#include <string>

namespace accred {

// The PEM certificate request for this kiosk's key, id and gate (for issuer fleet approve).
Outcome<std::string> kiosk_csr(const KioskState& state, const SigningKey& key);

// Writes kiosk_csr to DIR/kiosk.csr (0644, refusing to overwrite). Returns the path.
Outcome<std::string> write_kiosk_csr(const KioskState& state, const SigningKey& key);

struct JoinOptions {
    std::string state; // the kiosk's state folder
    std::string desk;  // "https://HOST:PORT"
    std::string cert;  // the certificate issuer fleet approve wrote
    std::string ca;    // the desk's fleet/ca.crt
    bool leave = false;
};

// kiosk join: checks the certificate (fleet_certificate.h) and stores the fleet files, or with
// leave removes them. Prints what it did. Returns the exit code: 0 done, 1 refused (the
// certificate is not this kiosk's or does not verify), 2 usage or I/O.
int join_fleet(const JoinOptions& options);

// For kiosk run: the sync client when the kiosk joined a desk (not started yet), nullptr when it
// has not. key is used only here (for the TLS client). An Error when the fleet files are damaged
// or unusable: the kiosk then says so and runs offline only.
Outcome<std::unique_ptr<SyncClient>> fleet_sync_for(const KioskState& state, const SigningKey& key,
                                                    SyncMailbox& mailbox, const KioskClock& clock,
                                                    int interval_ms);

} // namespace accred
