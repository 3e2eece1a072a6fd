// The claims set <-> deterministic CBOR (docs/credential-format.md, section 5).
#pragma once

#include "claims.h"
#include "outcome.h"

#include <cstdint>
#include <span>
#include <vector>

namespace accred {

// The payload bytes for claims. Fails when the claims break a rule of the format.
Outcome<std::vector<std::uint8_t>> claims_encode(const Claims& claims);

// Reads a payload: strict CBOR, the exact types and keys of the format, every rule checked, and
// the bytes must be exactly what claims_encode gives for the result (so unknown keys, missing
// required ones and any non-deterministic form are all refused).
Outcome<Claims> claims_decode(std::span<const std::uint8_t> payload);

} // namespace accred
