// Deterministic CBOR encoding and strict, bounded decoding, on top of libcbor.
#pragma once

#include "cbor_value.h"
#include "outcome.h"

#include <cstdint>
#include <span>
#include <vector>

namespace accred {

// Encodes in RFC 8949 core deterministic form: shortest integer and length forms, definite
// lengths. Map entries are written in the order given; callers give them sorted.
std::vector<std::uint8_t> cbor_encode(const CborValue& value);

struct CborLimits {
    std::size_t max_depth = 8;   // our deepest structure is tag > array > map > map > array
    std::size_t max_items = 512; // every data item, nested ones included
};

// Decodes exactly one data item that must fill bytes entirely, refusing: truncation, trailing
// bytes, indefinite lengths, floats and simple values, tags, more than max_depth
// nesting or max_items items, a map with a duplicate or out-of-order key, and any encoding that
// is not the deterministic one (a longer-than-needed integer or length). Declared lengths are
// checked against the bytes present before anything is allocated for them. Never throws.
Outcome<CborValue> cbor_decode_strict(std::span<const std::uint8_t> bytes,
                                      const CborLimits& limits = {});

} // namespace accred
