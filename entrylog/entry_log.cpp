#include "entry_log.h"

#include <sys/stat.h>

namespace accred {

namespace {

constexpr const char* kStartNewLog =
    " Keep this file for the audit and start the kiosk with a new log file.";

// A failed COMMIT or an interrupted body can leave the connection inside a transaction; the next
// BEGIN would then fail for ever. Rolling back here lets the next append start clean.
void leave_transaction(Database& db) {
    if (db.in_transaction()) (void)db.exec("ROLLBACK");
}

// The log holds who entered where: readable by the kiosk's user only. SQLite gives the -wal and
// -shm files the database's mode when it creates them, but they may exist already.
void restrict_mode(const std::string& path) {
    for (const char* suffix : {"", "-wal", "-shm"})
        (void)::chmod((path + suffix).c_str(), S_IRUSR | S_IWUSR);
}

// Inside a write transaction: the file's last row must still be the head this object holds.
// Anything else means a second writer (another kiosk process on the same file, a restored copy)
// and appending would fork the chain.
template <typename Source> // a Database, or the stored-head query prepared on it
Status check_stored_head(Source& db, std::uint64_t seq, const Hash32& hash) {
    auto stored = entry_store::stored_head(db);
    if (!stored) return stored.error();
    if (stored->first != seq || stored->second != hash)
        return Error{"the file was changed by another writer (expected the last row to be " +
                     std::to_string(seq) + ", found " + std::to_string(stored->first) +
                     "); restart the kiosk so the log is verified again"};
    return success();
}

} // namespace

Outcome<EntryLog> EntryLog::open(const std::string& path, const std::string& kiosk_id) {
    if (kiosk_id.empty() || kiosk_id.size() > kMaxLogFieldBytes)
        return Error{"cannot open entry log " + path + ": the kiosk id is empty or too long"};
    auto db = Database::open(path, Database::Mode::read_write_create);
    if (!db) return Error{"cannot open entry log: " + db.error().message};
    db->set_busy_timeout(kBusyTimeout);
    entry_store::limit_value_size(db.value());
    if (auto s = entry_store::quick_check(db.value(), path); !s) return s.error();
    auto empty = entry_store::is_empty(db.value());
    if (!empty) return Error{"entry log " + path + ": " + empty.error().message};
    if (empty.value()) {
        Status made = in_transaction(db.value(), [&]() -> Status {
            return entry_store::create_schema(db.value(), kiosk_id);
        });
        if (!made) return Error{"cannot create entry log " + path + ": " + made.error().message};
        restrict_mode(path);
    }
    auto meta = entry_store::read_meta(db.value(), path);
    if (!meta) return meta.error();
    if (meta->kiosk_id != kiosk_id)
        return Error{"entry log " + path + " belongs to kiosk \"" + meta->kiosk_id +
                     "\", not to this kiosk (\"" + kiosk_id + "\")." + kStartNewLog};
    // An older kiosk's log is evidence in its own format: the audit reads it, nothing appends
    // rows of another format to it.
    if (meta->schema_version != kEntryLogSchemaVersion)
        return Error{"entry log " + path + " was written by an older kiosk (schema version " +
                     std::to_string(meta->schema_version) + "); it can be audited but not "
                     "continued." + kStartNewLog};
    EntryLog log(path, kiosk_id, std::move(db).value());
    if (auto s = log.load(); !s) return s.error();
    return log;
}

Status EntryLog::load() {
    auto rows = entry_store::read_rows(db_, path_, 0);
    if (!rows) return rows.error();
    const auto damaged = [&](const ChainProblem& p) {
        return Error{"entry log " + path_ + " is damaged at row " + std::to_string(p.seq) + ": " +
                     p.what + "." + kStartNewLog};
    };
    if (auto problem = verify_chain(rows.value())) return damaged(*problem);
    if (!rows->empty() && rows->front().kiosk_id != kiosk_id_)
        return Error{"entry log " + path_ + " holds rows of kiosk \"" + rows->front().kiosk_id +
                     "\"." + kStartNewLog};
    auto checkpoints = entry_store::read_checkpoints(db_, path_);
    if (!checkpoints) return checkpoints.error();
    for (std::size_t i = 0; i < checkpoints->size(); ++i) {
        const Checkpoint& cp = checkpoints.value()[i];
        if (cp.kiosk_id != kiosk_id_ || !verify_checkpoint_signature(cp))
            return Error{"entry log " + path_ + ": stored checkpoint " + std::to_string(i + 1) +
                         " is not validly signed by this kiosk." + kStartNewLog};
        // A stored checkpoint beyond the last row means rows were cut from the end.
        if (auto problem = verify_against_checkpoint(rows.value(), cp)) return damaged(*problem);
    }
    for (const EntryRecord& row : rows.value())
        if (entry_counts_for_clock(row)) clock_floor_ = row.time;
    if (!rows->empty()) {
        head_seq_ = rows->back().seq;
        head_hash_ = rows->back().hash;
        last_time_ = rows->back().time;
    }
    if (!checkpoints->empty()) latest_checkpoint_ = checkpoints->back();
    return success();
}

Outcome<EntryRecord> EntryLog::append(EntryRecord record) {
    const std::string cannot = "entry log " + path_ + ": the decision was not stored: ";
    if (!db_.is_open()) return Error{cannot + "the log is closed after a failed write"};
    if (record.kiosk_id.empty()) record.kiosk_id = kiosk_id_;
    if (record.kiosk_id != kiosk_id_)
        return Error{cannot + "the row is for kiosk \"" + record.kiosk_id + "\""};
    if (auto problem = entry_field_problem(record)) return Error{cannot + *problem};
    if (entry_counts_for_clock(record) && clock_floor_ && record.time < *clock_floor_)
        return Error{cannot + "its time " + std::to_string(record.time) +
                     " is before the last real-clock row (" + std::to_string(*clock_floor_) +
                     "); such a decision must be logged as clock_suspect (or an override of one)"};
    record.seq = head_seq_ + 1;
    record.prev_hash = head_hash_;
    record.hash = entry_hash(record);
    if (!head_query_ || !insert_) {
        auto head = entry_store::prepare_stored_head(db_);
        auto insert = entry_store::prepare_insert_row(db_);
        if (!head) return Error{cannot + head.error().message};
        if (!insert) return Error{cannot + insert.error().message};
        head_query_ = std::move(head).value();
        insert_ = std::move(insert).value();
    }
    Status done = in_transaction(db_, [&]() -> Status {
        if (auto s = check_stored_head(*head_query_, head_seq_, head_hash_); !s) return s;
        return entry_store::insert_row(*insert_, record);
    });
    if (!done) {
        leave_transaction(db_);
        return Error{cannot + done.error().message};
    }
    // Only now is the row durable; the head follows the file, never runs ahead of it.
    head_seq_ = record.seq;
    head_hash_ = record.hash;
    last_time_ = record.time;
    if (entry_counts_for_clock(record)) clock_floor_ = record.time;
    return record;
}

Outcome<Checkpoint> EntryLog::checkpoint(const SigningKey& kiosk_key, std::int64_t now) {
    if (!db_.is_open())
        return Error{"entry log " + path_ + ": closed after a failed write; no checkpoint"};
    auto cp = sign_checkpoint(kiosk_key, kiosk_id_, head_seq_, head_hash_, now);
    if (!cp) return Error{"entry log " + path_ + ": " + cp.error().message};
    Status done = in_transaction(db_, [&]() -> Status {
        if (auto s = check_stored_head(db_, head_seq_, head_hash_); !s) return s;
        return entry_store::insert_checkpoint(db_, cp.value());
    });
    if (!done) {
        leave_transaction(db_);
        return Error{"entry log " + path_ +
                     ": the checkpoint was not stored: " + done.error().message};
    }
    latest_checkpoint_ = cp.value();
    return cp;
}

Outcome<std::vector<EntryRecord>> EntryLog::rows() {
    return rows_since(0);
}

Outcome<std::vector<EntryRecord>> EntryLog::rows_since(std::uint64_t seq) {
    if (!db_.is_open()) return Error{"entry log " + path_ + ": closed after a failed write"};
    return entry_store::read_rows(db_, path_, seq);
}

} // namespace accred
