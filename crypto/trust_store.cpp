#include "trust_store.h"

#include <algorithm>

namespace accred {

void TrustStore::add(const PublicKey& key) {
    auto& keys = by_kid_[compute_kid(key)];
    if (std::find(keys.begin(), keys.end(), key) == keys.end()) keys.push_back(key);
}

std::span<const PublicKey> TrustStore::keys_with_kid(const Kid& kid) const {
    const auto it = by_kid_.find(kid);
    if (it == by_kid_.end()) return {};
    return it->second;
}

std::size_t TrustStore::size() const {
    std::size_t n = 0;
    for (const auto& [kid, keys] : by_kid_) n += keys.size();
    return n;
}

} // namespace accred
