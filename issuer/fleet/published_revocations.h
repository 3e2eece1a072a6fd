// A revocation update issuer serve signed and hands down to the kiosks, as signed.
#pragma once

#include <cstdint>
#include <vector>

namespace accred {

struct PublishedRevocations {
    std::uint64_t version = 0;      // the export version (shared with bundles)
    std::uint64_t issued_at = 0;    // UTC seconds on the desk's clock
    std::size_t revoked = 0;        // how many credentials it revokes
    std::vector<std::uint8_t> file; // write_revocation_update's bytes
};

} // namespace accred
