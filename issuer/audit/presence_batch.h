// Rows of other kiosks that change presence, handed down to a kiosk by the desk (docs/fleet.md).
#pragma once

#include "entrylog/entry_record.h"

#include <cstdint>
#include <vector>

namespace accred {

struct PresenceBatch {
    std::vector<EntryRecord> rows; // oldest arrival first
    std::uint64_t cursor = 0;      // pass back as `after` to continue past these rows
    bool more = false;             // rows past the limit wait
};

} // namespace accred
