// A roster chunk: what follows a bundle's manifest, a piece at a time. Its bytes are a
// deterministic CBOR array of [holder, photo] or [holder, photo, claims] entries, holders
// strictly ascending; the manifest
// lists the SHA-256 of each chunk's bytes, so that a chunk is checked before it is decoded and a
// reader holds one chunk at a time, never the whole roster (docs/bundle-format.md).
#pragma once

#include "bundle/kiosk_bundle.h"
#include "crypto/outcome.h"

#include <cstdint>
#include <functional>
#include <span>
#include <string>
#include <string_view>
#include <vector>

namespace accred {

// A roster photo is normalised at the desk to a few KB (photo_normalize.h); 4 MiB is far above
// any, and bounds what one entry may make a reader allocate.
inline constexpr std::size_t kMaxRosterPhotoBytes = 4u << 20;
// Writers close a chunk once it holds this many bytes or entries: small enough to hold one in
// memory at a kiosk, large enough that a 100 000-person roster has under a thousand chunks.
inline constexpr std::size_t kChunkTargetBytes = 1u << 20;
inline constexpr std::size_t kMaxChunkEntries = 4096;
// Readers refuse a larger chunk: one entry at the photo bound, with room for its framing.
inline constexpr std::size_t kMaxChunkBytes = kMaxRosterPhotoBytes + kChunkTargetBytes;

// Receives one roster entry (claims: claims_encode bytes, empty when the entry has none); an
// Error stops the walk that calls it.
using RosterVisitor = std::function<Status(const std::string& holder, std::string_view photo,
                                           std::string_view claims)>;

// Whether holder, photo and claims may be a roster entry: an id as for a credential's sub, a
// non-empty photo within kMaxRosterPhotoBytes, and claims either empty or a valid claims set
// (claims_decode) whose sub is holder. Empty when fine, else why not.
std::string roster_entry_problem(const std::string& holder, std::string_view photo,
                                 std::string_view claims);

std::vector<std::uint8_t> encode_roster_chunk(const std::vector<RosterPhoto>& entries);

// Decodes a chunk strictly (deterministic CBOR, nothing else, at most kMaxChunkEntries valid
// entries, holders strictly ascending) and calls visit for each entry in order.
Status decode_roster_chunk(std::span<const std::uint8_t> bytes, const RosterVisitor& visit);

} // namespace accred
