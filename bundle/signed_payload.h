// The envelope of everything the desk signs for kiosks (bundle manifests, revocation updates):
// a COSE_Sign1 by the event key over a deterministic CBOR map with a "type" and a "format".
#pragma once

#include "crypto/cbor_value.h"
#include "crypto/outcome.h"
#include "crypto/public_key.h"
#include "crypto/signing_key.h"

#include <cstdint>
#include <span>
#include <vector>

namespace accred {

std::vector<std::uint8_t> sign_payload(const CborValue& payload, const SigningKey& key);

// Checks the envelope and the signature with event_key, then decodes the payload strictly and
// checks its type and format version. Nothing of the payload is looked at before the signature.
// max_items bounds the decoded payload's data items.
Outcome<CborValue> open_signed(std::span<const std::uint8_t> file, const PublicKey& event_key,
                               std::size_t max_bytes, std::size_t max_items, const char* type,
                               std::uint64_t format, const char* what);

} // namespace accred
