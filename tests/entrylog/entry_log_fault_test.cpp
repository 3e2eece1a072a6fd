// Faults while the kiosk runs: append fails cleanly (an Error, nothing stored, the head kept)
// and works again once the fault clears.
//
// The tests run as root in CI, where chmod 0444 does not stop a write (root ignores file modes,
// and an open descriptor keeps its write access anyway), so the faults are ones that hold for
// root too: a write lock held by a second connection, and a file size limit (RLIMIT_FSIZE) that
// makes the next WAL write fail just as a full disk would.
#include "entrylog/entry_log.h"
#include "log_test_support.h"

#include <catch2/catch.hpp>
#include <chrono>
#include <csignal>
#include <filesystem>
#include <sys/resource.h>

using namespace accred;
using namespace accred::test;

namespace {

// Lowers this process's file size limit for its lifetime. Writes past it fail with EFBIG;
// SIGXFSZ, which would otherwise kill the process, is ignored meanwhile.
class FileSizeLimit {
  public:
    explicit FileSizeLimit(rlim_t bytes) {
        REQUIRE(getrlimit(RLIMIT_FSIZE, &old_) == 0);
        old_handler_ = std::signal(SIGXFSZ, SIG_IGN);
        rlimit lowered = old_;
        lowered.rlim_cur = bytes;
        REQUIRE(setrlimit(RLIMIT_FSIZE, &lowered) == 0);
    }
    ~FileSizeLimit() {
        setrlimit(RLIMIT_FSIZE, &old_);
        std::signal(SIGXFSZ, old_handler_);
    }
    FileSizeLimit(const FileSizeLimit&) = delete;
    FileSizeLimit& operator=(const FileSizeLimit&) = delete;

  private:
    rlimit old_{};
    void (*old_handler_)(int) = nullptr;
};

void check_log_holds(const std::string& path, std::uint64_t rows) {
    auto reopened = EntryLog::open(path, log_kiosk_id());
    INFO((reopened ? std::string() : reopened.error().message));
    REQUIRE(reopened.ok());
    CHECK(reopened->head_seq() == rows);
}

} // namespace

TEST_CASE("entry log: append fails while another connection holds the write lock, then recovers",
          "[entry_log][fault]") {
    TempDir dir;
    const std::string path = dir.file("log.db");
    EntryLog log = make_log(path, 3);
    const Hash32 head = log.head_hash();

    // In WAL mode readers never block the kiosk; only another writer can. A second connection in
    // this process takes the same file lock another process would.
    auto other = Database::open(path, Database::Mode::read_write_create);
    REQUIRE(other.ok());
    REQUIRE(other->exec("BEGIN EXCLUSIVE").ok());

    const auto started = std::chrono::steady_clock::now();
    auto blocked = log.append(nth_row(4));
    const auto waited = std::chrono::steady_clock::now() - started;
    REQUIRE_FALSE(blocked.ok());
    CHECK_THAT(blocked.error().message, Catch::Contains("not stored") && Catch::Contains("locked"));
    CHECK(waited >= EntryLog::kBusyTimeout - std::chrono::milliseconds(100));
    CHECK(waited < EntryLog::kBusyTimeout + std::chrono::seconds(2)); // the gate never hangs long
    CHECK(log.head_seq() == 3);
    CHECK(log.head_hash() == head);

    REQUIRE(other->exec("ROLLBACK").ok());
    auto retried = log.append(nth_row(4));
    REQUIRE(retried.ok());
    CHECK(retried->seq == 4);
    CHECK(retried->prev_hash == head);
    auto cp = log.checkpoint(log_kiosk_key(), kLogT0 + 1000);
    REQUIRE(cp.ok());
    check_log_holds(path, 4);
}

TEST_CASE("entry log: a checkpoint fails while the write lock is held, then recovers",
          "[entry_log][fault]") {
    TempDir dir;
    const std::string path = dir.file("log.db");
    EntryLog log = make_log(path, 2);
    auto other = Database::open(path, Database::Mode::read_write_create);
    REQUIRE(other.ok());
    REQUIRE(other->exec("BEGIN EXCLUSIVE").ok());
    auto blocked = log.checkpoint(log_kiosk_key(), kLogT0 + 1000);
    REQUIRE_FALSE(blocked.ok());
    CHECK_FALSE(log.latest_checkpoint());
    REQUIRE(other->exec("COMMIT").ok());
    REQUIRE(log.checkpoint(log_kiosk_key(), kLogT0 + 1000).ok());
    CHECK(log.latest_checkpoint()->seq == 2);
}

TEST_CASE("entry log: append fails when the disk is full, then recovers", "[entry_log][fault]") {
    TempDir dir;
    const std::string path = dir.file("log.db");
    EntryLog log = make_log(path, 3);
    const Hash32 head = log.head_hash();
    const auto wal_size = std::filesystem::file_size(path + "-wal");

    Outcome<EntryRecord> failed = Error{"not run"};
    {
        // The next WAL frame would go past the current end of the file.
        FileSizeLimit limit(static_cast<rlim_t>(wal_size));
        failed = log.append(nth_row(4));
    }
    REQUIRE_FALSE(failed.ok());
    CHECK_THAT(failed.error().message, Catch::Contains("not stored"));
    CHECK(log.head_seq() == 3);
    CHECK(log.head_hash() == head);

    auto retried = log.append(nth_row(4));
    INFO((retried ? std::string() : retried.error().message));
    REQUIRE(retried.ok());
    CHECK(retried->seq == 4);
    append_rows(log, 5, 6);
    check_log_holds(path, 6);
    auto rows = read_rows_or_fail(path);
    CHECK_FALSE(verify_chain(rows));
}

TEST_CASE("entry log: a second writer on the same file stops appends instead of forking the chain",
          "[entry_log][fault]") {
    TempDir dir;
    const std::string path = dir.file("log.db");
    EntryLog first = make_log(path, 2);
    auto second = EntryLog::open(path, log_kiosk_id());
    REQUIRE(second.ok());
    REQUIRE(second->append(nth_row(3)).ok());

    auto forked = first.append(nth_row(3));
    REQUIRE_FALSE(forked.ok());
    CHECK_THAT(forked.error().message, Catch::Contains("changed by another writer"));
    CHECK(first.head_seq() == 2);
    check_log_holds(path, 3);
}
