// The revocation list as CBOR: inside a bundle's manifest and alone in a revocation update.
#pragma once

#include "bundle/revocation_list.h"
#include "crypto/cbor_value.h"
#include "crypto/outcome.h"

namespace accred {

CborValue revocations_to_cbor(const RevocationList& list);
// Reads back exactly what revocations_to_cbor writes; every field typed, bounded and ordered.
Outcome<RevocationList> revocations_from_cbor(const CborValue& value);

} // namespace accred
