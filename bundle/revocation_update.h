// Revocation update files: a COSE_Sign1 signed by the event key over a deterministic CBOR map
// holding the revocation list alone (docs/bundle-format.md), so that a revocation reaches the
// gates in seconds without a bundle.
#pragma once

#include "bundle/revocation_list.h"
#include "crypto/outcome.h"
#include "crypto/public_key.h"
#include "crypto/signing_key.h"

#include <cstdint>
#include <span>
#include <vector>

namespace accred {

inline constexpr std::size_t kMaxRevocationUpdateBytes = 16u << 20;

std::vector<std::uint8_t> write_revocation_update(const RevocationList& list,
                                                  const SigningKey& event_key);
// Verifies the signature with event_key first, then parses strictly. Freshness against what a
// kiosk already holds is the kiosk's check.
Outcome<RevocationList> read_revocation_update(std::span<const std::uint8_t> file,
                                               const PublicKey& event_key);

} // namespace accred
