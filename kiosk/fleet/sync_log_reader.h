// The sync thread's own read-only connection to the kiosk's log: WAL lets it read beside the
// engine's writer, which it never touches (the engine's EntryLog belongs to the engine thread).
#pragma once

#include "crypto/outcome.h"
#include "kiosk/fleet/sync_batch.h"
#include "store/sqlite_db.h"

#include <cstddef>
#include <cstdint>
#include <string>

namespace accred {

class SyncLogReader {
  public:
    // Opens path read-only and checks it is the log of kiosk_id (its meta table). The engine
    // must have opened (created) the log before.
    static Outcome<SyncLogReader> open(const std::string& path, const std::string& kiosk_id);

    // The rows after acked_seq (at most limit of them, oldest first), the log's head and the
    // newest checkpoint not beyond the batch, all read in one snapshot of the file.
    Outcome<SyncBatch> read(std::uint64_t acked_seq, std::size_t limit);

  private:
    SyncLogReader(std::string path, Database db) : path_(std::move(path)), db_(std::move(db)) {}
    Outcome<SyncBatch> read_in_snapshot(std::uint64_t acked_seq, std::size_t limit);
    std::string path_;
    Database db_;
};

} // namespace accred
