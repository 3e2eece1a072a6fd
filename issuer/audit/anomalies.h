// audit anomalies: what a reviewer should look at, found in the merged store.
#pragma once

#include "crypto/outcome.h"
#include "issuer/audit/audit_store.h"

#include <cstddef>
#include <cstdint>
#include <string>
#include <vector>

namespace accred {

struct Anomaly {
    std::string kind;      // one of the kinds in docs/audit.md, e.g. "passback", "sequence_gap"
    std::int64_t time = 0; // UTC seconds of the row concerned (0 for a summary)
    std::string gate;
    std::string kiosk_id;
    std::uint64_t seq = 0; // the row concerned (0 for a summary)
    std::string holder;
    std::string detail; // plain words
};

struct AnomalyOptions {
    bool operator==(const AnomalyOptions&) const = default;
    // The same credential at two gates that are not next to each other (neither zone encloses
    // the other) less than this far apart is reported.
    std::int64_t min_transit_seconds = 120;
    // One badge admitted into the same zone at two different gates less than this far apart,
    // with no exit recorded in between, is reported: two copies of one badge at two doors look
    // like that, and no single kiosk can see it (each keeps its own presence).
    std::int64_t double_entry_seconds = 3600;
    // A person (or an unreadable code) denied at least this often is reported.
    std::size_t repeated_denials = 3;
    // A kiosk's clock stepping forward by more than this between two rows is reported.
    std::int64_t clock_jump_seconds = 24 * 3600;
};

// Every anomaly, grouped by kind in the order of docs/audit.md, each kind in time order:
// denials by reason, repeated denials, revoked or superseded badges tried, passback, impossible
// travel, supervisor overrides, manual lookups, simulated-time entries, clock jumps, sequence gaps.
// With the default options on a store whose anomaly cache is current (made by cache_anomalies
// when the store last changed, and the store still holds as many rows), they come from the cache:
// a full scan of a million rows takes seconds, a lookup does not. Otherwise they are computed.
Outcome<std::vector<Anomaly>> find_anomalies(AuditStore& store, const AnomalyOptions& options);

// find_anomalies, always computed from the rows.
Outcome<std::vector<Anomaly>> compute_anomalies(AuditStore& store, const AnomalyOptions& options);

// Computes the anomalies with the default options and stores them in the store's cache, with
// the row count they were computed on. audit merge calls it after adding rows.
Status cache_anomalies(AuditStore& store);

} // namespace accred
