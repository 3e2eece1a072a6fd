// The digest of each holder's roster photo, computed once per bundle: a scan then looks its
// holder up instead of walking the roster's photos and hashing one.
#pragma once

#include "bundle/kiosk_bundle.h"

#include <array>
#include <cstdint>
#include <optional>
#include <string>
#include <unordered_map>

namespace accred {

class PhotoIndex {
  public:
    using Digest = std::array<std::uint8_t, 12>;

    PhotoIndex() = default;
    // Hashes every photo once. Where a holder has several photos (a bundle read from a file has
    // one at most), the last one counts, as it did when each scan walked the list.
    explicit PhotoIndex(const std::vector<RosterPhoto>& photos);

    // Whether holder's photo has the digest signed into the credential: nullopt when the bundle
    // has no photo for holder.
    std::optional<bool> matches(const std::string& holder, const Digest& signed_digest) const;

  private:
    std::unordered_map<std::string, Digest> digest_of_; // holder -> digest of their photo
};

} // namespace accred
