// fuzz_entry_log: read_log_readonly (entrylog/entry_store.h), the audit's reader for entry log
// files handed in, on a SQLite file whose bytes are the input: SQLite's own parsing (quick_check
// first), then our schema, type and size checks. Each input is written to a fresh file under
// /dev/shm (SQLite needs a path), read, and deleted with any -wal/-shm/-journal beside it.
// Then the checks the audit runs next (fields, chain, checkpoints) run on what was read.
// Must hold: no crash, leak or UB; a refusal has a message; an accepted log respects the
// documented reading limits (kMaxLogRows, kMaxLogCheckpoints).
#include "fuzz_common.h"

#include "entrylog/checkpoint.h"
#include "entrylog/entry_chain.h"
#include "entrylog/entry_store.h"

#include <fcntl.h>
#include <sodium.h>
#include <string>
#include <unistd.h>

using namespace accred;

namespace {

std::string db_path() {
    return "/dev/shm/accred-fuzz-entry-log-" + std::to_string(::getpid()) + ".db";
}

void remove_all(const std::string& path) {
    for (const char* suffix : {"", "-wal", "-shm", "-journal"}) ::unlink((path + suffix).c_str());
}

} // namespace

extern "C" int LLVMFuzzerInitialize(int*, char***) {
    if (sodium_init() < 0) __builtin_trap();
    return 0;
}

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
    const std::string path = db_path();
    remove_all(path);
    const int fd = ::open(path.c_str(), O_WRONLY | O_CREAT | O_EXCL | O_CLOEXEC, 0600);
    if (fd < 0) __builtin_trap();
    std::size_t written = 0;
    while (written < size) {
        const ssize_t n = ::write(fd, data + written, size - written);
        if (n <= 0) __builtin_trap();
        written += static_cast<std::size_t>(n);
    }
    ::close(fd);

    auto log = read_log_readonly(path);
    if (!log) {
        FUZZ_CHECK(!log.error().message.empty());
    } else {
        FUZZ_CHECK(log->rows.size() <= kMaxLogRows);
        FUZZ_CHECK(log->checkpoints.size() <= kMaxLogCheckpoints);
        (void)verify_chain(log->rows);
        for (const EntryRecord& row : log->rows) (void)entry_field_problem(row);
        for (const Checkpoint& c : log->checkpoints) {
            (void)verify_checkpoint_signature(c);
            (void)verify_against_checkpoint(log->rows, c);
        }
    }
    remove_all(path);
    return 0;
}
