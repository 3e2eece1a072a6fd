// The set of public keys a verifier trusts, looked up by kid. A kid may collide, so a lookup
// returns every key having it and the verifier tries each.
#pragma once

#include "public_key.h"

#include <map>
#include <span>
#include <vector>

namespace accred {

class TrustStore {
  public:
    // Adds a key; adding the same key twice keeps one copy.
    void add(const PublicKey& key);
    // Every trusted key whose kid is kid, in the order added; empty when none.
    std::span<const PublicKey> keys_with_kid(const Kid& kid) const;
    std::size_t size() const;

  private:
    std::map<Kid, std::vector<PublicKey>> by_kid_;
};

} // namespace accred
