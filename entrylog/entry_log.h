// A kiosk's entry log: an append-only, hash-chained SQLite file with signed checkpoints. One
// writer (the kiosk's decision thread); the audit reads files through read_log_readonly.
#pragma once

#include "crypto/outcome.h"
#include "crypto/signing_key.h"
#include "entrylog/checkpoint.h"
#include "entrylog/entry_chain.h"
#include "entrylog/entry_record.h"
#include "entrylog/entry_store.h"
#include "store/sqlite_db.h"

#include <chrono>
#include <cstdint>
#include <optional>
#include <string>
#include <vector>

namespace accred {

class EntryLog {
  public:
    // How long a write waits for a lock held by another connection before failing: short, so a
    // gate shows log_unavailable rather than hanging.
    static constexpr std::chrono::milliseconds kBusyTimeout{2000};

    // Opens the log at path, creating it (mode 0600) when absent or empty, for the kiosk whose
    // id (the kiosk key's fingerprint) is kiosk_id. Refuses, with an error naming the file and
    // the first bad row: a file that is not a database or fails PRAGMA quick_check, another
    // schema version, another kiosk's log, a broken hash chain, and stored checkpoints that
    // are not validly signed or do not match the rows (a cut tail). Reads the head back.
    static Outcome<EntryLog> open(const std::string& path, const std::string& kiosk_id);

    // Appends record as row head_seq()+1: fills seq, prev_hash and hash (and kiosk_id when
    // empty), then INSERTs and COMMITs in its own transaction; with WAL and synchronous=FULL
    // the row is on disk when this returns. Returns the stored row. On any failure (invalid
    // fields, a real-clock time before clock_floor() that is not clock_suspect, lock held past
    // kBusyTimeout, disk full, I/O error, the file changed by another writer) returns an Error,
    // nothing is stored and the head is unchanged: the caller denies with log_unavailable, and
    // may simply append again once the fault clears.
    Outcome<EntryRecord> append(EntryRecord record);

    // Signs (kiosk_id, head_seq, head_hash, now) with kiosk_key, whose fingerprint must be the
    // log's kiosk id, stores it and returns it. Call at regular intervals and at shutdown, and
    // export it (checkpoint_to_text): rows after the latest exported checkpoint are protected
    // only by the file itself.
    Outcome<Checkpoint> checkpoint(const SigningKey& kiosk_key, std::int64_t now);

    // Closes the file after a failed write, so that nothing of the log's file system stays open:
    // one that went read-only after a disk error can be repaired and mounted again only once
    // nothing holds it. Everything then fails (appends with "closed") until the log is opened
    // again with open(); the head stays known.
    void close() {
        head_query_.reset(); // finalized first: a prepared statement keeps the file open
        insert_.reset();
        db_.close();
    }
    bool is_open() const { return db_.is_open(); }

    // The most recent checkpoint stored in this log, if any.
    std::optional<Checkpoint> latest_checkpoint() const { return latest_checkpoint_; }

    const std::string& path() const { return path_; }
    const std::string& kiosk_id() const { return kiosk_id_; }
    // The last row's seq (0 for an empty log), hash (32 zero bytes when empty) and time (0).
    std::uint64_t head_seq() const { return head_seq_; }
    const Hash32& head_hash() const { return head_hash_; }
    std::int64_t last_time() const { return last_time_; }
    // The latest time among rows counting for the clock (entry_counts_for_clock), or nullopt when
    // none: a real-clock decision earlier than this must be logged as clock_suspect.
    std::optional<std::int64_t> clock_floor() const { return clock_floor_; }

    // All rows in seq order, read back from the file (for rebuilding presence at start).
    Outcome<std::vector<EntryRecord>> rows();
    // The rows with seq greater than seq, in order (for sync: what the desk has not seen yet).
    Outcome<std::vector<EntryRecord>> rows_since(std::uint64_t seq);

  private:
    EntryLog(std::string path, std::string kiosk_id, Database db)
        : path_(std::move(path)), kiosk_id_(std::move(kiosk_id)), db_(std::move(db)) {}
    Status load(); // verifies everything stored and sets the head
    std::string path_;
    std::string kiosk_id_;
    Database db_;
    std::uint64_t head_seq_ = 0;
    Hash32 head_hash_{};
    std::int64_t last_time_ = 0;
    std::optional<std::int64_t> clock_floor_;
    std::optional<Checkpoint> latest_checkpoint_;
    // Every append's two statements, prepared at the first append. Declared after db_, so they
    // are finalized before it closes.
    std::optional<Statement> head_query_;
    std::optional<Statement> insert_;
};

} // namespace accred
