// Reads a bundle file (format 2) a piece at a time: the manifest first, its signature checked
// with the event key before a byte of it is decoded; then each roster chunk, its SHA-256 checked
// against the manifest's list before it is decoded. Holds one chunk in memory at a time.
#pragma once

#include "bundle/bundle_manifest.h"
#include "bundle/byte_input.h"
#include "bundle/roster_chunk.h"
#include "crypto/outcome.h"

#include <cstdint>
#include <span>
#include <vector>

namespace accred {

class BundleReader {
  public:
    // Reads and checks the manifest from in, which must outlive the reader. A format-1 bundle
    // (one signed item with the photos inside) or a revocation update is refused by name.
    static Outcome<BundleReader> open(ByteInput& in, const PublicKey& event_key);

    const BundleManifest& manifest() const { return manifest_; }
    // The manifest as signed: the kiosk keeps it to check the signature again at each start.
    const std::vector<std::uint8_t>& signed_manifest() const { return signed_; }

    // Reads every chunk in order and calls visit for each entry: each chunk's digest checked
    // before it is decoded, holders strictly ascending across chunks, no holder also removed,
    // nothing after the last chunk. Call once.
    Status read_roster(const RosterVisitor& visit);

  private:
    BundleReader(ByteInput& in, BundleManifest manifest, std::vector<std::uint8_t> signed_bytes)
        : in_(&in), manifest_(std::move(manifest)), signed_(std::move(signed_bytes)) {}

    ByteInput* in_;
    BundleManifest manifest_;
    std::vector<std::uint8_t> signed_;
};

// Whether bytes start as a bundle of format 2 does (a byte string), rather than as a signed item
// (a revocation update, or a bundle of format 1).
bool looks_like_bundle(std::span<const std::uint8_t> bytes);

// A whole bundle read into memory, for tests and tools on small events.
struct BundleContents {
    BundleManifest manifest;
    std::vector<RosterPhoto> roster; // a delta: the entries it adds or changes
};
Outcome<BundleContents> read_bundle(std::span<const std::uint8_t> file, const PublicKey& event_key);

} // namespace accred
