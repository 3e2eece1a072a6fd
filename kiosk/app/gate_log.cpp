#include "gate_log.h"

#include <filesystem>
#include <system_error>

namespace accred {

GateLog::GateLog(EntryLog log, SigningKey kiosk_key, const CheckpointPolicy& policy)
    : log_(std::move(log)), key_(std::move(kiosk_key)), policy_(policy),
      checkpoint_seq_(log_.head_seq()) {}

Outcome<EntryRecord> GateLog::append(const EntryRecord& row, std::int64_t now) {
    if (failed_) reopen();
    auto committed = log_.append(row);
    failed_ = !committed.ok();
    // Let go of the file at once: see EntryLog::close. The next write opens it again.
    if (failed_) {
        log_.close();
        return committed;
    }
    maybe_checkpoint(now);
    return committed;
}

void GateLog::reopen() {
    // Never create a log here: an empty folder where the log was (a file system not mounted
    // again yet) must stay a failure, not become a fresh chain.
    std::error_code ec;
    if (!std::filesystem::exists(log_.path(), ec)) return;
    auto again = EntryLog::open(log_.path(), log_.kiosk_id());
    if (!again) return;
    // Continue only with the log this kiosk has been writing, to its last row: a file swapped
    // for an older copy, or for another log, is never written to.
    if (again->head_seq() != log_.head_seq() || again->head_hash() != log_.head_hash()) return;
    log_ = std::move(again).value();
}

void GateLog::maybe_checkpoint(std::int64_t now) {
    if (checkpoint_time_ == 0) checkpoint_time_ = now;
    if (log_.head_seq() - checkpoint_seq_ >= policy_.every_entries ||
        now - checkpoint_time_ >= policy_.every_seconds)
        (void)checkpoint(now); // a failed checkpoint is retried with the next append
}

Outcome<Checkpoint> GateLog::checkpoint(std::int64_t now) {
    if (failed_) reopen();
    auto cp = log_.checkpoint(key_, now);
    if (cp) {
        checkpoint_seq_ = cp->seq;
        checkpoint_time_ = now;
    }
    return cp;
}

} // namespace accred
