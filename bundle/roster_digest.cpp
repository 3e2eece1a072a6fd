#include "roster_digest.h"

namespace accred {

Sha256Digest sha256_of(std::span<const std::uint8_t> bytes) {
    Sha256Digest out{};
    crypto_hash_sha256(out.data(), bytes.data(), bytes.size());
    return out;
}

Sha256Digest sha256_of(std::string_view bytes) {
    return sha256_of(std::span(reinterpret_cast<const std::uint8_t*>(bytes.data()), bytes.size()));
}

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
