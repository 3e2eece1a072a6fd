// The event-wide store `audit merge` writes: every kiosk's rows exactly as logged (hashes
// included, so each kiosk's chain can be verified again from the store alone), their stored
// checkpoints, the kiosks, and the event's zones and gates for the queries. Schema in
// docs/audit.md.
#pragma once

#include "crypto/outcome.h"
#include "event/event_definition.h"
#include "issuer/audit/append_result.h"
#include "issuer/audit/presence_batch.h"
#include "entrylog/entry_record.h"
#include "entrylog/entry_store.h"
#include "store/sqlite_db.h"

#include <cstddef>
#include <map>
#include <set>
#include <span>
#include <string>
#include <utility>
#include <vector>

namespace accred {

// Rows of one push that may not be taken as fact: seq -> why (row_evidence.h).
using RowDistrust = std::map<std::uint64_t, std::string>;

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

    // The store's newest row for kiosk_id, as (seq, hash): (0, 32 zero bytes) when it holds none.
    Outcome<std::pair<std::uint64_t, Hash32>> head(const std::string& kiosk_id);

    // Adds rows one kiosk pushed over the network (consecutive seqs from any start), checked
    // against what the store holds, in one transaction. A new row whose seq is in distrusted is
    // stored like the others (the chain goes on through it), kept in refused_rows with the reason
    // and never put in the presence feed. Rows already held are compared by hash:
    // identical ones are skipped, a different one is a fork (result.fork, nothing stored). The
    // first new row must be head + 1 (else result.gap, nothing stored) and link to the held head
    // (else a fork); each new row must link to the one before, carry its own entry_hash, pass
    // entry_field_problem and the clock rule. Refuses (Error, nothing stored) rows naming another
    // kiosk or gate, seqs that do not run on, and rows that fail those checks.
    Outcome<AppendResult> append_verified(const std::string& kiosk_id, const std::string& gate,
                                          const std::string& source,
                                          std::span<const EntryRecord> rows,
                                          const RowDistrust& distrusted = {});

    // Stores a checkpoint (signature already checked by the caller) once the store holds its row:
    // true when stored or held already, false while the store's rows do not reach it yet. An
    // Error when the held row at its seq has another hash (the kiosk signed another history).
    Outcome<bool> add_checkpoint(const Checkpoint& checkpoint);

    // Starts keeping the presence feed (the order in which rows that change presence arrived,
    // docs/fleet.md): creates it when missing, filled with the rows held. From then on merge and
    // append_verified add to it.
    Status enable_presence_feed();
    // Rows that change presence in one of zones and arrived after cursor, oldest first, at most
    // limit; none of exclude_kiosk's (the asker's own) nor of withheld kiosks' (withdrawn ones).
    // Needs enable_presence_feed.
    Outcome<PresenceBatch> presence_after(std::uint64_t cursor,
                                          const std::vector<std::string>& zones,
                                          const std::string& exclude_kiosk, std::size_t limit,
                                          const std::set<std::string>& withheld = {});
    // The rows refused as evidence (kiosk id, seq -> why), for the console and the audit.
    Outcome<std::map<std::pair<std::string, std::uint64_t>, std::string>> refused_rows();

    // The event as recorded: id, name, time zone, zones (id, name, parent) and gates.
    const EventDefinition& event() const { return event_; }
    const std::string& path() const { return path_; }
    Database& db() { return db_; }

    // Every kiosk's rows (in seq order) and checkpoints, to verify the store again.
    Outcome<std::vector<LogContents>> kiosk_logs();

  private:
    AuditStore(std::string path, Database db) : path_(std::move(path)), db_(std::move(db)) {}
    Status load_event();
    // Inserts rows (new to the store, in seq order), their credential texts, and their feed
    // entries when the presence feed is kept. Call inside a transaction.
    Status insert_rows(std::span<const EntryRecord> rows, const RowDistrust& distrusted = {});
    Outcome<bool> has_presence_feed();
    std::string path_;
    Database db_;
    EventDefinition event_;
    bool feed_ = false; // the presence feed is kept (enable_presence_feed)
};

// "SELECT <every field of a log row>, row_format FROM entries JOIN credentials": append
// " WHERE ..." and read each row with row_from_store. The store keeps each distinct credential
// text once, in its credentials table.
std::string store_entry_select();

// Reads one row selected with store_entry_select() (from column offset first), as strictly as a
// kiosk's log is read: a value the audit store should never hold is an error naming the row.
Outcome<EntryRecord> row_from_store(const Statement& q, int first = 0);

} // namespace accred
