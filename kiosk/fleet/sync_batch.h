// The part of the kiosk's log one sync carries up to the desk (docs/fleet.md).
#pragma once

#include "entrylog/entry_record.h"

#include <cstdint>
#include <optional>
#include <vector>

namespace accred {

struct SyncBatch {
    std::uint64_t log_seq = 0;     // the log's newest row when it was read
    std::vector<EntryRecord> rows; // consecutive rows from the first the desk lacks, bounded
    // The newest checkpoint that covers no row beyond the last one the desk will hold once it
    // has these rows: a checkpoint is checked against the rows it names.
    std::optional<Checkpoint> checkpoint;

    // The last row the desk will hold once it takes this batch.
    std::uint64_t sent_to(std::uint64_t acked_seq) const {
        return rows.empty() ? acked_seq : rows.back().seq;
    }
};

} // namespace accred
