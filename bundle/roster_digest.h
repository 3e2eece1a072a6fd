// The digest of a whole roster, as a bundle's manifest states it: SHA-256 over every holder in
// ascending byte order of holder id, each as one byte (the id's length), the id, and the 32-byte
// SHA-256 of the holder's photo file. A kiosk recomputes it over what it installed, so a delta
// applied to the wrong base, or a store altered on disk, is caught before it is used.
#pragma once

#include "crypto/sha256.h"

#include <cstdint>
#include <sodium.h>
#include <string>
#include <string_view>

namespace accred {

// The roster a bundle leaves at the kiosk once installed: how many holders, and their digest.
struct RosterSummary {
    std::uint64_t people = 0;
    Sha256Digest digest{};
    bool operator==(const RosterSummary&) const = default;
};

class RosterDigest {
  public:
    RosterDigest();
    // Adds the next holder. Holders must come strictly ascending: false (nothing added) for one
    // that does not, or for an id longer than 255 bytes.
    [[nodiscard]] bool add(std::string_view holder, const Sha256Digest& photo_sha256);
    // The summary of everything added; the digest may be taken once.
    RosterSummary finish();

  private:
    crypto_hash_sha256_state state_{};
    std::string last_;
    std::uint64_t people_ = 0;
};

} // namespace accred
