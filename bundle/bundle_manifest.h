// A bundle file's first, signed part (format 2): everything a kiosk decides with (KioskBundle),
// the roster the bundle leaves at the kiosk (count and digest), and the SHA-256 of each roster
// chunk that follows it. A delta also names the version it applies on and the holders it
// removes. docs/bundle-format.md.
#pragma once

#include "bundle/kiosk_bundle.h"
#include "bundle/roster_digest.h"
#include "crypto/outcome.h"
#include "crypto/public_key.h"
#include "crypto/signing_key.h"

#include <cstdint>
#include <optional>
#include <span>
#include <string>
#include <vector>

namespace accred {

inline constexpr std::uint64_t kBundleFormat = 2;
// The manifest holds no photos: its largest parts are the revocation list and, for a delta, the
// removed holders. 16 MiB is over a hundred thousand of each.
inline constexpr std::size_t kMaxManifestBytes = 16u << 20;

struct BundleManifest {
    KioskBundle bundle;
    RosterSummary roster;              // the whole roster once this is installed
    std::optional<std::uint64_t> base; // a delta: the oldest bundle version it applies on
    std::vector<std::string> removed;  // a delta: holders it takes out of the roster, ascending
    std::vector<Sha256Digest> chunks;  // the SHA-256 of each roster chunk that follows, in order
    bool is_delta() const { return base.has_value(); }
    bool operator==(const BundleManifest&) const = default;
};

std::vector<std::uint8_t> sign_bundle_manifest(const BundleManifest& manifest,
                                               const SigningKey& event_key);

// Checks the signature with event_key, then decodes strictly: every field typed and bounded,
// lists ordered, nothing unknown. A revocation list for another event, a delta whose base is not
// below its version, or a whole bundle naming removed holders are refused.
Outcome<BundleManifest> read_bundle_manifest(std::span<const std::uint8_t> signed_bytes,
                                             const PublicKey& event_key);

} // namespace accred
