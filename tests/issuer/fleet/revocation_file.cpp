#include "revocation_file.h"

#include "bundle/revocation_update.h"

namespace accred::test {

Outcome<RevocationList> read_update_file(const std::vector<std::uint8_t>& file,
                                         const PublicKey& event_key) {
    return read_revocation_update(file, event_key);
}

} // namespace accred::test
