// Deterministic CBOR encoding and strict, bounded decoding, on top of libcbor.
#pragma once

#include "cbor_value.h"
#include "outcome.h"

#include <cstdint>
#include <span>
#include <string_view>
#include <vector>

namespace accred {

// Encodes in RFC 8949 core deterministic form: shortest integer and length forms, definite
// lengths. Map entries are written in the order given; callers give them sorted.
std::vector<std::uint8_t> cbor_encode(const CborValue& value);

// One CBOR head (major type and argument, in its shortest form) appended to out, and a text or
// byte string with its head: for the fixed structures written on every scan (the Sig_structure,
// the claims' deterministic form), which are built directly rather than through a CborValue tree.
enum class CborMajor { uint, negint, bytes, text, array, map };
void cbor_append_head(std::vector<std::uint8_t>& out, CborMajor major, std::uint64_t value);
void cbor_append_string(std::vector<std::uint8_t>& out, CborMajor major, std::string_view bytes);
void cbor_append_bytes(std::vector<std::uint8_t>& out, std::span<const std::uint8_t> bytes);

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
