// read_revocation_update behind a header of its own: bundle/bundle_file.h and
// fleet/protocol/sync_messages.h both define kMaxRevocationUpdateBytes, so no test file can
// include both until one is renamed.
#pragma once

#include "bundle/revocation_list.h"
#include "crypto/outcome.h"
#include "crypto/public_key.h"

#include <cstdint>
#include <vector>

namespace accred::test {

Outcome<RevocationList> read_update_file(const std::vector<std::uint8_t>& file,
                                         const PublicKey& event_key);

} // namespace accred::test
