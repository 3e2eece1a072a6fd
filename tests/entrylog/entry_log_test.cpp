// EntryLog, the kiosk's writer: rows and head survive a reopen, every field round-trips, the
// clock and field rules hold at append, checkpoints are stored, and bad files are clear errors.
#include "entrylog/entry_log.h"
#include "log_test_support.h"

#include <catch2/catch.hpp>
#include <filesystem>
#include <fstream>

using namespace accred;
using namespace accred::test;

TEST_CASE("entry log: appended rows and the head survive a reopen", "[entry_log]") {
    TempDir dir;
    const std::string path = dir.file("log.db");
    Hash32 head{};
    {
        EntryLog log = make_log(path, 5);
        CHECK(log.head_seq() == 5);
        CHECK(log.last_time() == kLogT0 + 300);
        head = log.head_hash();
        CHECK(head != Hash32{});
    }
    auto log = EntryLog::open(path, log_kiosk_id());
    REQUIRE(log.ok());
    CHECK(log->head_seq() == 5);
    CHECK(log->head_hash() == head);
    CHECK(log->last_time() == kLogT0 + 300);
    auto next = log->append(nth_row(6));
    REQUIRE(next.ok());
    CHECK(next->seq == 6);
    CHECK(next->prev_hash == head);
    CHECK(std::filesystem::status(path).permissions() ==
          (std::filesystem::perms::owner_read | std::filesystem::perms::owner_write));
}

TEST_CASE("entry log: a new log is empty with a zero head", "[entry_log]") {
    TempDir dir;
    auto log = EntryLog::open(dir.file("log.db"), log_kiosk_id());
    REQUIRE(log.ok());
    CHECK(log->head_seq() == 0);
    CHECK(log->head_hash() == Hash32{});
    CHECK(log->last_time() == 0);
    CHECK_FALSE(log->clock_floor());
    CHECK_FALSE(log->latest_checkpoint());
    auto rows = log->rows();
    REQUIRE(rows.ok());
    CHECK(rows->empty());
}

TEST_CASE("entry log: every field round-trips, optional fields present and absent", "[entry_log]") {
    TempDir dir;
    const std::string path = dir.file("log.db");
    std::vector<EntryRecord> stored;
    {
        auto log = EntryLog::open(path, log_kiosk_id());
        REQUIRE(log.ok());
        EntryRecord simulated = malformed_row(kLogT0 - 86400);
        simulated.simulated_time = true;
        simulated.holder = ""; // present but empty is not the same as absent
        simulated.issue = 0xFFFFFFFF;
        for (const EntryRecord& r : {granted_row(kLogT0), malformed_row(kLogT0 + 1), simulated}) {
            auto appended = log->append(r);
            REQUIRE(appended.ok());
            EntryRecord expected = r;
            expected.kiosk_id = log_kiosk_id(); // filled in by append
            expected.seq = appended->seq;
            expected.prev_hash = appended->prev_hash;
            expected.hash = entry_hash(expected);
            CHECK(appended.value() == expected);
            stored.push_back(appended.value());
        }
    }
    auto log = EntryLog::open(path, log_kiosk_id());
    REQUIRE(log.ok());
    auto rows = log->rows();
    REQUIRE(rows.ok());
    CHECK(rows.value() == stored);
    CHECK(read_rows_or_fail(path) == stored);
    CHECK(rows->at(0).cti.has_value());
    CHECK_FALSE(rows->at(1).holder.has_value());
    CHECK(rows->at(2).holder == std::optional<std::string>(""));
    CHECK(rows->at(1).credential.size() == 13); // a NUL and a non-UTF-8 byte kept as-is
    CHECK_FALSE(verify_chain(rows.value()));
}

TEST_CASE("entry log: rows_since returns the rows after a seq", "[entry_log]") {
    TempDir dir;
    EntryLog log = make_log(dir.file("log.db"), 6);
    auto since = log.rows_since(4);
    REQUIRE(since.ok());
    REQUIRE(since->size() == 2);
    CHECK(since->at(0).seq == 5);
    CHECK(since->at(1).seq == 6);
    auto none = log.rows_since(6);
    REQUIRE(none.ok());
    CHECK(none->empty());
}

TEST_CASE("entry log: the clock rule is enforced at append", "[entry_log]") {
    TempDir dir;
    auto log = EntryLog::open(dir.file("log.db"), log_kiosk_id());
    REQUIRE(log.ok());
    REQUIRE(log->append(granted_row(kLogT0)).ok());
    const Hash32 head = log->head_hash();

    auto back = log->append(granted_row(kLogT0 - 1));
    REQUIRE_FALSE(back.ok());
    CHECK_THAT(back.error().message, Catch::Contains("clock_suspect"));
    CHECK(log->head_seq() == 1);
    CHECK(log->head_hash() == head);

    EntryRecord suspect = malformed_row(kLogT0 - 3600);
    suspect.reason = Reason::clock_suspect;
    REQUIRE(log->append(suspect).ok()); // the record of a clock found wrong
    EntryRecord overridden = granted_row(kLogT0 - 3590);
    overridden.original_reason = Reason::clock_suspect; // a supervisor let them in all the same
    REQUIRE(log->append(overridden).ok());
    EntryRecord simulated = granted_row(kLogT0 - 7200);
    simulated.simulated_time = true;
    REQUIRE(log->append(simulated).ok()); // a simulated clock is free to jump
    CHECK(log->last_time() == kLogT0 - 7200);
    CHECK(log->clock_floor() == kLogT0);
    REQUIRE(log->append(granted_row(kLogT0)).ok()); // the same second is fine
    auto rows = log->rows();
    REQUIRE(rows.ok());
    CHECK_FALSE(verify_chain(rows.value()));
}

TEST_CASE("entry log: rows with invalid fields are refused and leave the head", "[entry_log]") {
    TempDir dir;
    auto log = EntryLog::open(dir.file("log.db"), log_kiosk_id());
    REQUIRE(log.ok());
    auto refused = [&](EntryRecord r, const std::string& why) {
        auto appended = log->append(std::move(r));
        REQUIRE_FALSE(appended.ok());
        CHECK_THAT(appended.error().message, Catch::Contains(why));
        CHECK(log->head_seq() == 0);
    };
    EntryRecord r = granted_row(kLogT0);
    r.admitted = false;
    refused(r, "granted row says not admitted");
    r = granted_row(kLogT0);
    r.other_reasons = {Reason::stale_revocations, Reason::stale_revocations};
    refused(r, "other_reasons repeats stale_revocations");
    r = granted_row(kLogT0);
    r.format = kEntryRowV1;
    r.other_reasons = {Reason::expired};
    refused(r, "a version 1 row has no other reasons");
    r = granted_row(kLogT0);
    r.gate = std::string(kMaxLogFieldBytes + 1, 'g');
    refused(r, "gate is longer than 64 bytes");
    r = granted_row(kLogT0);
    r.holder = "D\xc3";
    refused(r, "holder is not valid UTF-8");
    r = granted_row(kLogT0);
    r.credential = std::string(kMaxLogCredentialBytes + 1, 'A');
    refused(r, "credential is longer");
    r = granted_row(kLogT0);
    r.kiosk_id = "another kiosk";
    refused(r, "for kiosk \"another kiosk\"");

    r = granted_row(kLogT0);
    r.credential = std::string(kMaxLogCredentialBytes, 'A'); // the largest QR text fits whole
    CHECK(log->append(r).ok());
}

TEST_CASE("entry log: checkpoints are stored, signed and read back", "[entry_log]") {
    TempDir dir;
    const std::string path = dir.file("log.db");
    Checkpoint signed_cp;
    {
        EntryLog log = make_log(path, 3);
        auto cp = log.checkpoint(log_kiosk_key(), kLogT0 + 1000);
        REQUIRE(cp.ok());
        CHECK(cp->seq == 3);
        CHECK(cp->head == log.head_hash());
        CHECK(cp->kiosk_id == log_kiosk_id());
        CHECK(verify_checkpoint_signature(cp.value()));
        CHECK(log.latest_checkpoint() == cp.value());
        signed_cp = cp.value();

        auto foreign = log.checkpoint(key_from_label("another kiosk"), kLogT0 + 1000);
        REQUIRE_FALSE(foreign.ok());
        CHECK_THAT(foreign.error().message, Catch::Contains("is not the key of kiosk"));
    }
    auto log = EntryLog::open(path, log_kiosk_id());
    REQUIRE(log.ok());
    CHECK(log->latest_checkpoint() == signed_cp);
    auto contents = read_log_readonly(path);
    REQUIRE(contents.ok());
    CHECK(contents->kiosk_id == log_kiosk_id());
    REQUIRE(contents->checkpoints.size() == 1);
    CHECK(contents->checkpoints[0] == signed_cp);
    CHECK_FALSE(verify_against_checkpoint(contents->rows, signed_cp));
}

TEST_CASE("entry log: bad files are clear errors, not crashes", "[entry_log]") {
    TempDir dir;
    const auto refused = [](const std::string& path, const std::string& kiosk_id,
                            const std::string& why) {
        auto log = EntryLog::open(path, kiosk_id);
        REQUIRE_FALSE(log.ok());
        CHECK_THAT(log.error().message, Catch::Contains(path) && Catch::Contains(why));
    };
    SECTION("garbage") {
        const std::string path = dir.file("garbage.db");
        std::ofstream(path) << std::string(8192, 'x');
        refused(path, log_kiosk_id(), "not a database");
        auto read = read_log_rows_readonly(path);
        REQUIRE_FALSE(read.ok());
        CHECK_THAT(read.error().message, Catch::Contains("not a database"));
    }
    SECTION("a log cut in the middle of its pages") {
        const std::string path = dir.file("log.db");
        {
            EntryLog log = make_log(path, 1);
            EntryRecord big = granted_row(kLogT0 + 1000);
            big.credential = std::string(kMaxLogCredentialBytes, 'B');
            for (int i = 0; i < 40; ++i)
                REQUIRE(log.append(big).ok());
        }
        std::filesystem::resize_file(path, std::filesystem::file_size(path) / 2);
        refused(path, log_kiosk_id(), "malformed");
    }
    SECTION("a database that is not an entry log") {
        const std::string path = dir.file("other.db");
        {
            auto db = Database::open(path, Database::Mode::read_write_create);
            REQUIRE(db.ok());
            REQUIRE(db->exec("CREATE TABLE people (id TEXT)").ok());
        }
        refused(path, log_kiosk_id(), "not an accred entry log");
    }
    SECTION("another kiosk's log") {
        const std::string path = dir.file("log.db");
        make_log(path, 2);
        refused(path, "0000-1111-2222-3333", "belongs to kiosk");
    }
    SECTION("a directory that does not exist") {
        refused(dir.file("missing/log.db"), log_kiosk_id(), "cannot open");
    }
}
