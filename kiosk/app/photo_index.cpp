#include "photo_index.h"

#include "crypto/claims.h"

namespace accred {

PhotoIndex::PhotoIndex(const std::vector<RosterPhoto>& photos) {
    digest_of_.reserve(photos.size());
    for (const auto& p : photos) digest_of_[p.holder] = photo_digest(p.bytes);
}

std::optional<bool> PhotoIndex::matches(const std::string& holder,
                                        const Digest& signed_digest) const {
    const auto it = digest_of_.find(holder);
    if (it == digest_of_.end()) return std::nullopt;
    return it->second == signed_digest;
}

} // namespace accred
