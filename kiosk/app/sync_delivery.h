// What one sync with the desk hands to the engine thread: signed files to install and other
// kiosks' presence rows. The sync thread never brings them into force itself: the engine thread
// does, between decisions (FleetIntake), so that nothing it decides with changes under it. A
// bundle's heavy work (verifying, writing the store) is done on the sync thread beforehand.
#pragma once

#include "entrylog/entry_record.h"
#include "kiosk/app/kiosk_install.h"

#include <cstdint>
#include <optional>
#include <vector>

namespace accred {

struct SyncDelivery {
    std::optional<std::vector<std::uint8_t>> revocations; // a revocation update, as signed
    // A bundle (whole or delta) the sync thread already verified and wrote to the store
    // (stage_update): the engine thread only brings it into force (GateEngine::adopt_update).
    std::optional<StagedUpdate> bundle;
    std::string bundle_refusal;        // why the bundle the desk offered was refused, if it was
    std::uint64_t bundle_version = 0;  // the version the desk offered
    std::vector<EntryRecord> presence; // other kiosks' rows, oldest first
    // The desk withdrew a kiosk since the rows handed over before: forget them all before
    // applying these (GateEngine::forget_peer_rows).
    bool forget_peer_rows = false;

    bool empty() const {
        return !revocations && !bundle && bundle_refusal.empty() && presence.empty() &&
               !forget_peer_rows;
    }
};

} // namespace accred
