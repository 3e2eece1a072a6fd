// The audit's result for one kiosk log: what was checked and every finding, first bad row first.
#pragma once

#include "entrylog/entry_record.h"

#include <cstddef>
#include <cstdint>
#include <optional>
#include <string>
#include <vector>

namespace accred {

struct Finding {
    std::uint64_t seq = 0; // the first bad row; 0 when it concerns the file as a whole
    std::string what;      // plain words, naming the row
};

struct LogVerdict {
    std::string path;
    std::string kiosk_id;
    std::string gate; // the registered gate, else the rows' gate
    std::size_t rows = 0;
    std::size_t stored_checkpoints = 0;
    std::optional<Checkpoint> desk_checkpoint; // the newest the desk holds for this kiosk
    std::uint64_t rows_after_checkpoint = 0;   // rows the desk's checkpoint does not cover
    bool unreadable = false;                   // not an entry log at all (or hostile)
    std::vector<Finding> findings;
    std::vector<std::string> warnings;

    bool ok() const { return findings.empty(); }
};

} // namespace accred
