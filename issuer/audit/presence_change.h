// Which log rows change who is inside a zone: exactly those Presence::apply acts on.
#pragma once

#include "entrylog/entry_record.h"

namespace accred {

// True for a row with a holder that is an admitted entry (row_admits) or a recorded exit (an exit
// row not denied): the rows Presence::apply (entrylog/presence.cpp) records.
bool changes_presence(const EntryRecord& row);

} // namespace accred
