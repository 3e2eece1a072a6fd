#include "sync_log_reader.h"

#include "entrylog/entry_store.h"

namespace accred {

Outcome<SyncLogReader> SyncLogReader::open(const std::string& path, const std::string& kiosk_id) {
    auto db = Database::open(path, Database::Mode::read_only);
    if (!db) return db.error();
    entry_store::limit_value_size(db.value());
    auto meta = entry_store::read_meta(db.value(), path);
    if (!meta) return meta.error();
    if (meta->kiosk_id != kiosk_id)
        return Error{"entry log " + path + " belongs to kiosk \"" + meta->kiosk_id + "\""};
    // The engine refuses to write to an older format's log, so the sync never sees one.
    if (meta->schema_version != kEntryLogSchemaVersion)
        return Error{"entry log " + path + " is of an older schema version"};
    return SyncLogReader(path, std::move(db).value());
}

Outcome<SyncBatch> SyncLogReader::read(std::uint64_t acked_seq, std::size_t limit) {
    // One read transaction: the rows, the head and the checkpoints agree with each other even
    // while the engine appends between the statements.
    if (auto s = db_.exec("BEGIN"); !s) return Error{path_ + ": " + s.error().message};
    auto batch = read_in_snapshot(acked_seq, limit);
    (void)db_.exec("COMMIT"); // a read transaction: nothing to lose if it fails
    return batch;
}

Outcome<SyncBatch> SyncLogReader::read_in_snapshot(std::uint64_t acked_seq, std::size_t limit) {
    SyncBatch batch;
    auto head = entry_store::stored_head(db_);
    if (!head) return Error{path_ + ": " + head.error().message};
    batch.log_seq = head->first;
    auto rows = entry_store::read_rows(db_, path_, acked_seq);
    if (!rows) return rows.error();
    if (rows->size() > limit) rows->resize(limit);
    batch.rows = std::move(rows).value();
    auto checkpoints = entry_store::read_checkpoints(db_, path_);
    if (!checkpoints) return checkpoints.error();
    const std::uint64_t covered = batch.sent_to(acked_seq);
    for (auto it = checkpoints->rbegin(); it != checkpoints->rend(); ++it) {
        if (it->seq <= covered) {
            batch.checkpoint = *it;
            break;
        }
    }
    return batch;
}

} // namespace accred
