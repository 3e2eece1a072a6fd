// The framing of a bundle file: a CBOR sequence (RFC 8742) of byte strings, the signed manifest
// first and then each roster chunk, so that a reader can take one item at a time, bounded, and
// check a chunk's digest before decoding its bytes.
#pragma once

#include "bundle/byte_input.h"
#include "crypto/outcome.h"

#include <cstdint>
#include <vector>

namespace accred {

// The head of a CBOR byte string of n bytes, in its shortest form.
std::vector<std::uint8_t> byte_string_head(std::uint64_t n);

// Reads one byte string item: a head in shortest form (major type 2, definite length) of at most
// max bytes, then its content. what names the item in errors.
Outcome<std::vector<std::uint8_t>> read_byte_string(ByteInput& in, std::uint64_t max,
                                                    const std::string& what);

} // namespace accred
