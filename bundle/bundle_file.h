// Bundle and revocation-update files: a COSE_Sign1 (the same envelope as credentials) signed by
// the event key, whose payload is a deterministic CBOR map (docs/bundle-format.md).
#pragma once

#include "bundle/kiosk_bundle.h"
#include "crypto/outcome.h"
#include "crypto/signing_key.h"

#include <cstdint>
#include <span>
#include <vector>

namespace accred {

// Bundles carry the roster photos; 256 MiB covers 10 000 people at 25 KB each, with room.
inline constexpr std::size_t kMaxBundleBytes = 256u << 20;
inline constexpr std::size_t kMaxRevocationUpdateBytes = 16u << 20;

std::vector<std::uint8_t> write_bundle(const KioskBundle& bundle, const SigningKey& event_key);

// Verifies the signature with event_key first, then parses strictly. Refuses a file signed by
// any other key (another event's), altered in any byte, or not a bundle (a revocation update,
// a credential). Freshness against what a kiosk already holds is the kiosk's check.
Outcome<KioskBundle> read_bundle(std::span<const std::uint8_t> file, const PublicKey& event_key);

std::vector<std::uint8_t> write_revocation_update(const RevocationList& list,
                                                  const SigningKey& event_key);
Outcome<RevocationList> read_revocation_update(std::span<const std::uint8_t> file,
                                               const PublicKey& event_key);

} // namespace accred
