#include "presence_change.h"

#include "entrylog/presence.h"

namespace accred {

bool changes_presence(const EntryRecord& row) {
    if (!row.holder) return false;
    if (row.direction == Direction::exit) return row.admitted && !is_supervisor_action(row);
    return row_admits(row);
}

} // namespace accred
