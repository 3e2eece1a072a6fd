#include "roster_digest.h"

namespace accred {

RosterDigest::RosterDigest() {
    crypto_hash_sha256_init(&state_);
}

bool RosterDigest::add(std::string_view holder, const Sha256Digest& photo_sha256) {
    if (holder.size() > 255) return false;
    // The first holder has nothing before it; every later one must sort after the previous.
    if (people_ > 0 && !(last_ < holder)) return false;
    const auto length = static_cast<std::uint8_t>(holder.size());
    crypto_hash_sha256_update(&state_, &length, 1);
    crypto_hash_sha256_update(&state_, reinterpret_cast<const unsigned char*>(holder.data()),
                              holder.size());
    crypto_hash_sha256_update(&state_, photo_sha256.data(), photo_sha256.size());
    last_.assign(holder);
    ++people_;
    return true;
}

RosterSummary RosterDigest::finish() {
    RosterSummary summary;
    summary.people = people_;
    crypto_hash_sha256_final(&state_, summary.digest.data());
    return summary;
}

} // namespace accred
