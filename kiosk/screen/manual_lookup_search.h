// The manual lookup's search on the engine worker's thread (the bundle store belongs to it):
// the people matching what the guard typed, with what their claims' codes stand for and their
// photo, as the result list shows them.
#pragma once

#include "kiosk/app/kiosk_state.h"
#include "kiosk/screen/manual_lookup_answer.h"

#include <cstddef>
#include <string>

namespace accred {

// At most limit people for query (BundleStore::search's order), each described from the claims
// the bundle carries; a store that cannot be read answers with its error.
LookupAnswer find_holders(const KioskState& state, const std::string& query, std::size_t limit);

} // namespace accred
