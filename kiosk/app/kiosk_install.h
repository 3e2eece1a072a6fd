// Installing what the desk signs into a kiosk's state: a whole bundle (a new store file), a
// delta (applied to the store in force) or a revocation update. In two steps, so that the heavy
// one can run beside the decisions: stage_update reads, verifies and writes the store (any
// thread); commit_update brings the result into force (the engine thread, between frames:
// a pointer swap and kiosk.json). update_kiosk does both, for kiosk update.
#pragma once

#include "bundle/bundle_reader.h"
#include "bundle/bundle_store.h"
#include "bundle/byte_input.h"
#include "kiosk/app/kiosk_state.h"

#include <cstdint>
#include <memory>
#include <optional>
#include <span>
#include <string>
#include <vector>

namespace accred {

// What staging needs of the kiosk in force, copied, so that another thread can stage.
struct InstallBasis {
    std::string dir;
    std::string gate_id;
    std::string event_id;
    std::string store_path; // the bundle store in force
    PublicKey event_key;
    std::uint64_t bundle_version = 0;
    std::uint64_t revocations_version = 0;
    bool operator==(const InstallBasis&) const = default;
};
InstallBasis install_basis(const KioskState& state);

// A verified update, ready to come into force.
struct StagedUpdate {
    std::shared_ptr<BundleStore> store;        // a newer bundle's store, complete
    bool whole = false;                        // a whole bundle (a new file), not a delta
    std::optional<RevocationList> revocations; // a newer revocation update
    std::vector<std::uint8_t> revocation_file; // its bytes, kept as DIR/revocations
    std::string line;                          // what it is, for the operator
};

// Reads in (its name in messages): a whole bundle is installed into a new store file, a delta
// applied to the store in force (one transaction, its resulting roster digest checked), a
// revocation update only read. Each must be signed by the pinned event key, for this event,
// newer than what basis has in force, and (a bundle) have this gate. Refused ones change
// nothing. Nothing comes into force until commit_update.
Outcome<StagedUpdate> stage_update(const InstallBasis& basis, ByteInput& in);

// Brings staged into force in state: the store and policy swapped, DIR/revocations and
// kiosk.json written, a replaced store's file removed. Returns the line saying what was
// installed. A staged bundle no longer newer than state's (another came first) is dropped.
Outcome<std::string> commit_update(KioskState& state, StagedUpdate staged);

// stage_update then commit_update, from a file (kiosk update) or from bytes in memory (named
// what in messages).
Outcome<std::string> update_kiosk(KioskState& state, const std::string& file);
Outcome<std::string> install_update_bytes(KioskState& state, std::span<const std::uint8_t> bytes,
                                          const std::string& what);

// Installs the whole bundle reader holds as DIR/bundle-<version>.db (a leftover of an
// interrupted install with that name is replaced) and opens it.
Outcome<std::shared_ptr<BundleStore>>
install_whole_bundle(const std::string& dir, BundleReader& reader, const PublicKey& event_key);

} // namespace accred
