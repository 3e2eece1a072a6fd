// What one sync with the desk hands to the engine thread: signed files to install and other
// kiosks' presence rows. The sync thread never applies them itself: the engine thread does,
// between decisions (FleetIntake), so that nothing it decides with changes under it.
#pragma once

#include "entrylog/entry_record.h"

#include <cstdint>
#include <optional>
#include <vector>

namespace accred {

struct SyncDelivery {
    std::optional<std::vector<std::uint8_t>> revocations; // a revocation update, as signed
    std::optional<std::vector<std::uint8_t>> bundle;      // a bundle file, as signed
    std::uint64_t bundle_version = 0;                     // the version the desk offered
    std::vector<EntryRecord> presence;                    // other kiosks' rows, oldest first
    // The desk withdrew a kiosk since the rows handed over before: forget them all before
    // applying these (GateEngine::forget_peer_rows).
    bool forget_peer_rows = false;

    bool empty() const { return !revocations && !bundle && presence.empty() && !forget_peer_rows; }
};

} // namespace accred
