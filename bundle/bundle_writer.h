// Writes bundle files (format 2) a chunk at a time: the signed manifest, then the roster in
// chunks whose digests the manifest lists. Memory holds one chunk, never the roster, so a
// 100 000-person event is written in a few MB (docs/bundle-format.md).
#pragma once

#include "bundle/bundle_manifest.h"
#include "bundle/roster_chunk.h"
#include "crypto/outcome.h"
#include "crypto/signing_key.h"

#include <cstdint>
#include <functional>
#include <span>
#include <vector>

namespace accred {

// Takes the file's bytes in order; an Error stops the writing.
using ByteSink = std::function<Status(std::span<const std::uint8_t>)>;
// Calls visit for each roster entry, holders strictly ascending. The writer walks twice (the
// digests first, for the manifest, then the bytes): both walks must give the same entries, as
// reading one database transaction does.
using RosterWalk = std::function<Status(const RosterVisitor& visit)>;

// What a delta adds to the policy: the oldest version it applies on, the holders it removes
// (ascending), and the whole roster once it is applied (the desk computes it over everyone).
struct DeltaSpec {
    std::uint64_t base = 0;
    std::vector<std::string> removed;
    RosterSummary roster_after;
};

struct WrittenBundle {
    std::uint64_t bytes = 0;   // the whole file
    std::uint64_t entries = 0; // roster entries carried (a delta: added or changed ones)
    std::size_t chunks = 0;
    RosterSummary roster; // as stated in the manifest
};

// A whole bundle: policy, and every entry of roster.
Outcome<WrittenBundle> write_bundle_stream(const KioskBundle& policy, const RosterWalk& roster,
                                           const SigningKey& event_key, const ByteSink& out);
// A delta: policy, the entries added or changed since delta.base, and delta.removed.
Outcome<WrittenBundle> write_bundle_delta_stream(const KioskBundle& policy, const DeltaSpec& delta,
                                                 const RosterWalk& changed,
                                                 const SigningKey& event_key, const ByteSink& out);

// The same into memory, for small events and tests: photos in any order (sorted here).
std::vector<std::uint8_t> write_bundle(const KioskBundle& policy, std::vector<RosterPhoto> photos,
                                       const SigningKey& event_key);
std::vector<std::uint8_t> write_bundle_delta(const KioskBundle& policy, const DeltaSpec& delta,
                                             std::vector<RosterPhoto> changed,
                                             const SigningKey& event_key);

// The summary of a whole roster given in memory (any order), as a delta's roster_after.
RosterSummary summarise_roster(std::vector<RosterPhoto> photos);

} // namespace accred
