// The event-wide store `audit merge` writes: every kiosk's rows exactly as logged (hashes
// included, so each kiosk's chain can be verified again from the store alone), their stored
// checkpoints, the kiosks, and the event's zones and gates for the queries. Schema in
// docs/audit.md.
#pragma once

#include "crypto/outcome.h"
#include "event/event_definition.h"
#include "kiosk/log/entry_record.h"
#include "kiosk/log/entry_store.h"
#include "store/sqlite_db.h"

#include <cstddef>
#include <string>
#include <vector>

namespace accred {

struct MergeResult {
    std::size_t added = 0;   // rows new to the store
    std::size_t already = 0; // rows it held already (merging the same log again adds nothing)
};

class AuditStore {
  public:
    // Opens path for merging, creating it with the event's zones and gates when it does not
    // exist; refuses an existing file that is not an audit store of this event.
    static Outcome<AuditStore> open_for_merge(const std::string& path,
                                              const EventDefinition& event);
    // Opens an existing store for queries: read-only, with the defensive settings.
    static Outcome<AuditStore> open_readonly(const std::string& path);

    // Adds the rows of one kiosk's log (already verified) above the store's head for that
    // kiosk, and its checkpoints, in one transaction. Refuses a log whose rows differ from those
    // the store holds for the same kiosk and seq (a fork or a different copy): nothing is added.
    Outcome<MergeResult> merge(const LogContents& log, const std::string& gate,
                               const std::string& source);

    // The event as recorded: id, name, time zone, zones (id, name, parent) and gates.
    const EventDefinition& event() const { return event_; }
    const std::string& path() const { return path_; }
    Database& db() { return db_; }

    // Every kiosk's rows (in seq order) and checkpoints, to verify the store again.
    Outcome<std::vector<LogContents>> kiosk_logs();

  private:
    AuditStore(std::string path, Database db) : path_(std::move(path)), db_(std::move(db)) {}
    Status load_event();
    std::string path_;
    Database db_;
    EventDefinition event_;
};

// "SELECT <every column of a log row> FROM entries JOIN credentials": append " WHERE ..." and
// read each row with row_from_store. The store keeps each distinct credential text once.
inline constexpr const char* kStoreEntrySelect =
    "SELECT seq, time, simulated_time, kiosk_id, gate, zone, direction, verdict, reason, holder, "
    "cti, issue, override_by, original_reason, credentials.text, prev_hash, hash FROM entries "
    "JOIN credentials ON credentials.id = entries.credential";

// Reads one row selected with kStoreEntrySelect (from column offset first).
EntryRecord row_from_store(const Statement& q, int first = 0);

} // namespace accred
