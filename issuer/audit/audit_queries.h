// The reviewers' questions, answered from the merged store: one person's movements, who went in
// and out of a zone in a window, and who was inside a zone at a moment (the evacuation list).
#pragma once

#include "crypto/outcome.h"
#include "entrylog/entry_record.h"
#include "issuer/audit/audit_store.h"

#include <cstdint>
#include <string>
#include <vector>

namespace accred {

// zone and every zone inside it (children, grandchildren...), zone first.
std::vector<std::string> zone_and_inner(const EventDefinition& event, const std::string& zone);

// Every row naming holder, at every gate, in time order (denials included).
Outcome<std::vector<EntryRecord>> holder_trail(AuditStore& store, const std::string& holder);

// Admitted entries into, and recorded exits out of, zone or a zone inside it, with from <= time <
// to, in time order. An unknown zone is an Error listing the zones.
Outcome<std::vector<EntryRecord>> zone_movements(AuditStore& store, const std::string& zone,
                                                 std::int64_t from, std::int64_t to);

// The decisions that were not granted (denied, or amber: stale data, anti-passback...) decided at
// or after from, newest first (by time, then kiosk and row), at most limit: the refusals the
// security chief's live feed shows. Rows of a kiosk that syncs late keep their own time.
Outcome<std::vector<EntryRecord>> recent_refusals(AuditStore& store, std::int64_t from,
                                                  std::size_t limit);

struct Occupant {
    std::string holder;
    std::int64_t since = 0; // when they entered the outermost zone they are still inside
    std::string zone;       // the innermost zone they are known to be inside
    std::string gate;       // the gate of that last entry
};

// Who was inside zone (or a zone inside it) at `at`: the rows up to `at` replayed through the
// kiosks' own presence rules (an exit from a zone leaves every zone inside it too), by holder.
Outcome<std::vector<Occupant>> zone_occupancy(AuditStore& store, const std::string& zone,
                                              std::int64_t at);

} // namespace accred
