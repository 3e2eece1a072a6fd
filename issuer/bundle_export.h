// issuer bundle's work: the next export version, the roster tracked against it, and the bundle
// file streamed out, in one desk.db transaction. A whole bundle carries every holder's photo;
// a delta since version B only what changed after B (desk.db's bundle_roster records, per
// holder, the export in which their photo last changed or they left the roster). Memory holds
// one roster chunk, never the roster (docs/bundle-format.md).
#pragma once

#include "bundle/bundle_writer.h"
#include "crypto/outcome.h"
#include "crypto/signing_key.h"
#include "issuer/desk.h"

#include <cstdint>
#include <functional>
#include <optional>
#include <vector>

namespace accred {

struct BundleExportRequest {
    std::uint64_t now = 0;              // UTC seconds: issued_at and the revocation list's time
    std::optional<std::uint64_t> since; // a delta on this bundle version; empty: a whole bundle
    // Told (photos walked, photos to walk) as the roster is written, for a progress bar. The
    // writer walks the roster twice (digests, then bytes), so both passes count.
    std::function<void(std::size_t, std::size_t)> progress = {};
};

struct BundleExportResult {
    std::uint64_t version = 0;
    std::optional<std::uint64_t> base; // a delta's base
    WrittenBundle written;
    std::size_t revoked = 0; // credentials in the revocation list
    std::size_t removed = 0; // a delta: holders it takes out
};

// Exports the next bundle to out. Refuses (taking no version) a since the desk cannot make a
// delta from: not below the new version, or before the first export that tracked the roster.
// When out fails, or the roster cannot be read, the transaction is rolled back: no version is
// used, nothing is recorded.
Outcome<BundleExportResult> export_bundle(Desk& desk, const SigningKey& event_key,
                                          const BundleExportRequest& request, const ByteSink& out);

// The same into memory, for tests and small events.
Outcome<std::vector<std::uint8_t>> export_bundle_bytes(Desk& desk, const SigningKey& event_key,
                                                       const BundleExportRequest& request);

} // namespace accred
