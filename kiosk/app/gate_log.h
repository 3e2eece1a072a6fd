// The engine's hold on its entry log: appends that survive a failed disk (close, then reopen the
// same chain by its path), and the signed checkpoints every N entries and M minutes.
#pragma once

#include "crypto/signing_key.h"
#include "entrylog/entry_log.h"

#include <cstdint>

namespace accred {

struct CheckpointPolicy {
    std::uint64_t every_entries = 100; // N
    std::int64_t every_seconds = 600;  // M minutes
};

class GateLog {
  public:
    // log is open at its head; its rows before now count as checkpointed.
    GateLog(EntryLog log, SigningKey kiosk_key, const CheckpointPolicy& policy);

    // Appends row and, when N entries or M minutes have passed since the last checkpoint, signs
    // one (a failed checkpoint is retried after the next append). A failed write closes the log
    // (EntryLog::close) and the next append first opens it again by its path: the file system
    // under it may have gone read-only after a disk error, and it can be repaired and mounted
    // again only once the kiosk holds nothing on it; the old connection would never reach the
    // new mount.
    Outcome<EntryRecord> append(const EntryRecord& row, std::int64_t now);
    // A checkpoint now (also called at shutdown).
    Outcome<Checkpoint> checkpoint(std::int64_t now);

    EntryLog& entries() { return log_; }
    const EntryLog& entries() const { return log_; }

  private:
    void maybe_checkpoint(std::int64_t now);
    void reopen();

    EntryLog log_;
    SigningKey key_;
    CheckpointPolicy policy_;
    bool failed_ = false; // the last append failed: reopen before the next
    std::uint64_t checkpoint_seq_ = 0;
    std::int64_t checkpoint_time_ = 0;
};

} // namespace accred
