// Tampering with a closed log file through raw SQL, as someone with the file would: each change
// is found by verify_chain or by an exported checkpoint, names the right row, and makes the kiosk
// itself refuse the log where the file still holds the evidence.
#include "entrylog/entry_log.h"
#include "log_test_support.h"

#include <catch2/catch.hpp>
#include <filesystem>

using namespace accred;
using namespace accred::test;

namespace {

constexpr const char* kColumnsAfterSeq =
    "time, simulated_time, kiosk_id, gate, zone, direction, verdict, reason, admitted, "
    "other_reasons, holder, cti, issue, "
    "override_by, original_reason, credential, prev_hash, hash";

// A six-row log with an exported checkpoint at row 6; the log object is closed on return.
Checkpoint make_checkpointed_log(const std::string& path) {
    EntryLog log = make_log(path, 6);
    auto cp = log.checkpoint(log_kiosk_key(), kLogT0 + 1000);
    REQUIRE(cp.ok());
    return cp.value();
}

// Replaces the stored rows with these (same seqs), as a tamperer who recomputes hashes would.
void store_rows(const std::string& path, const std::vector<EntryRecord>& rows) {
    tamper(path, "SELECT 1");
    auto db = Database::open(path, Database::Mode::read_write_create);
    REQUIRE(db.ok());
    for (const EntryRecord& r : rows) {
        auto del = db->prepare("DELETE FROM entries WHERE seq = ?1");
        REQUIRE(del.ok());
        REQUIRE(del->bind(1, static_cast<std::int64_t>(r.seq)).run().ok());
        REQUIRE(entry_store::insert_row(db.value(), r).ok());
    }
}

ChainProblem chain_problem(const std::string& path) {
    auto problem = verify_chain(read_rows_or_fail(path));
    REQUIRE(problem);
    return *problem;
}

void kiosk_refuses(const std::string& path, std::uint64_t seq) {
    auto log = EntryLog::open(path, log_kiosk_id());
    REQUIRE_FALSE(log.ok());
    CHECK_THAT(log.error().message, Catch::Contains("damaged at row " + std::to_string(seq) + ":"));
}

} // namespace

TEST_CASE("tamper: an untouched log verifies against its checkpoint", "[entry_log][tamper]") {
    TempDir dir;
    const std::string path = dir.file("log.db");
    const Checkpoint cp = make_checkpointed_log(path);
    const auto rows = read_rows_or_fail(path);
    CHECK(rows.size() == 6);
    CHECK_FALSE(verify_chain(rows));
    CHECK(verify_checkpoint_signature(cp));
    CHECK_FALSE(verify_against_checkpoint(rows, cp));
}

TEST_CASE("tamper: editing a field of a row names that row", "[entry_log][tamper]") {
    TempDir dir;
    const std::string path = dir.file("log.db");
    make_checkpointed_log(path);
    tamper(path, "UPDATE entries SET zone = 'press' WHERE seq = 3");
    const ChainProblem p = chain_problem(path);
    CHECK(p.seq == 3);
    CHECK_THAT(p.what, Catch::Contains("edited"));
    kiosk_refuses(path, 3);
}

TEST_CASE("tamper: editing a row and recomputing its hash names it and the next row",
          "[entry_log][tamper]") {
    TempDir dir;
    const std::string path = dir.file("log.db");
    make_checkpointed_log(path);
    auto rows = read_rows_or_fail(path);
    rows[2].verdict = Verdict::denied; // consistently: a red row that kept the door shut
    rows[2].admitted = false;
    rows[2].hash = entry_hash(rows[2]);
    store_rows(path, {rows[2]});
    const ChainProblem p = chain_problem(path);
    CHECK(p.seq == 4);
    CHECK_THAT(p.what, Catch::Contains("hash of row 3"));
    kiosk_refuses(path, 4);
}

TEST_CASE("tamper: deleting a row names the missing row", "[entry_log][tamper]") {
    TempDir dir;
    const std::string path = dir.file("log.db");
    make_checkpointed_log(path);
    tamper(path, "DELETE FROM entries WHERE seq = 4");
    const ChainProblem p = chain_problem(path);
    CHECK(p.seq == 4);
    CHECK_THAT(p.what, Catch::Contains("row 4 is missing"));
    kiosk_refuses(path, 4);
}

TEST_CASE("tamper: swapping two rows' contents names the first", "[entry_log][tamper]") {
    TempDir dir;
    const std::string path = dir.file("log.db");
    make_checkpointed_log(path);
    const std::string cols = kColumnsAfterSeq;
    tamper(path, "CREATE TEMP TABLE moved AS SELECT * FROM entries WHERE seq IN (2, 5); "
                 "DELETE FROM entries WHERE seq IN (2, 5); "
                 "INSERT INTO entries SELECT 7 - seq, " +
                     cols + " FROM moved");
    const auto rows = read_rows_or_fail(path);
    REQUIRE(rows.size() == 6);
    CHECK(rows[1].time == kLogT0 + 300); // row 2 now holds row 5's contents
    const ChainProblem p = chain_problem(path);
    CHECK(p.seq == 2);
    kiosk_refuses(path, 2);
}

TEST_CASE("tamper: a forged row inserted with a correct hash is found at the next row",
          "[entry_log][tamper]") {
    TempDir dir;
    const std::string path = dir.file("log.db");
    const Checkpoint cp = make_checkpointed_log(path);
    auto rows = read_rows_or_fail(path);
    tamper(path, "UPDATE entries SET seq = seq + 1000 WHERE seq >= 4; "
                 "UPDATE entries SET seq = seq - 999 WHERE seq >= 1000");
    EntryRecord forged = granted_row(kLogT0 + 190, "D999");
    forged.kiosk_id = log_kiosk_id();
    forged.seq = 4;
    forged.prev_hash = rows[2].hash;
    forged.hash = entry_hash(forged);
    {
        auto db = Database::open(path, Database::Mode::read_write_create);
        REQUIRE(db.ok());
        REQUIRE(entry_store::insert_row(db.value(), forged).ok());
    }
    REQUIRE(read_rows_or_fail(path).size() == 7);
    const ChainProblem p = chain_problem(path);
    CHECK(p.seq == 5);
    CHECK_THAT(p.what, Catch::Contains("hash of row 4"));
    kiosk_refuses(path, 5);
    (void)cp;
}

TEST_CASE("tamper: a consistent rewrite passes the chain but not the checkpoint",
          "[entry_log][tamper]") {
    TempDir dir;
    const std::string path = dir.file("log.db");
    const Checkpoint cp = make_checkpointed_log(path);
    auto rows = read_rows_or_fail(path);
    rows[1].holder = "D777"; // hide who went in: rewrite row 2 and re-chain everything after it
    for (std::size_t i = 1; i < rows.size(); ++i) {
        rows[i].prev_hash = rows[i - 1].hash;
        rows[i].hash = entry_hash(rows[i]);
    }
    store_rows(path, rows);
    CHECK_FALSE(verify_chain(read_rows_or_fail(path)));
    auto p = verify_against_checkpoint(read_rows_or_fail(path), cp);
    REQUIRE(p);
    CHECK(p->seq == 6);
    CHECK_THAT(p->what, Catch::Contains("differs from the signed head"));
    kiosk_refuses(path, 6); // the checkpoint stored in the file still catches it

    tamper(path, "DELETE FROM checkpoints"); // a careful tamperer removes those too
    CHECK(EntryLog::open(path, log_kiosk_id()).ok());
    CHECK(verify_against_checkpoint(read_rows_or_fail(path), cp)); // the exported one remains
}

TEST_CASE("tamper: a cut tail is found against an earlier checkpoint", "[entry_log][tamper]") {
    TempDir dir;
    const std::string path = dir.file("log.db");
    const Checkpoint cp = make_checkpointed_log(path);
    tamper(path, "DELETE FROM entries WHERE seq > 4");
    const auto rows = read_rows_or_fail(path);
    CHECK_FALSE(verify_chain(rows)); // what is left is a sound chain
    auto p = verify_against_checkpoint(rows, cp);
    REQUIRE(p);
    CHECK(p->seq == 6);
    CHECK_THAT(p->what, Catch::Contains("row 6 is missing") && Catch::Contains("ends at row 4"));
    kiosk_refuses(path, 6);
    tamper(path, "DELETE FROM checkpoints");
    CHECK(verify_against_checkpoint(read_rows_or_fail(path), cp));
}

TEST_CASE("tamper: a file replaced by an older copy is found against the newer checkpoint",
          "[entry_log][tamper]") {
    TempDir dir;
    const std::string path = dir.file("log.db");
    const std::string copy = dir.file("copy.db");
    {
        EntryLog log = make_log(path, 4);
        REQUIRE(log.checkpoint(log_kiosk_key(), kLogT0 + 500).ok());
    } // closing the last connection folds the WAL into the file, so one file is a full copy
    std::filesystem::copy_file(path, copy);
    Checkpoint newer;
    {
        auto log = EntryLog::open(path, log_kiosk_id());
        REQUIRE(log.ok());
        append_rows(log.value(), 5, 7);
        auto cp = log->checkpoint(log_kiosk_key(), kLogT0 + 1000);
        REQUIRE(cp.ok());
        newer = cp.value();
    }
    std::filesystem::copy_file(copy, path, std::filesystem::copy_options::overwrite_existing);

    // The old copy is self-consistent, and the kiosk cannot tell: only the exported checkpoint.
    auto reopened = EntryLog::open(path, log_kiosk_id());
    REQUIRE(reopened.ok());
    auto p = verify_against_checkpoint(read_rows_or_fail(path), newer);
    REQUIRE(p);
    CHECK(p->seq == 7);
    CHECK_THAT(p->what, Catch::Contains("row 7 is missing"));

    // The kiosk goes on logging on the old copy: row 7 exists again, with another hash.
    for (int i = 5; i <= 8; ++i)
        REQUIRE(reopened->append(granted_row(kLogT0 + 2000 + i, "D5" + std::to_string(i))).ok());
    const auto rows = read_rows_or_fail(path);
    CHECK_FALSE(verify_chain(rows));
    p = verify_against_checkpoint(rows, newer);
    REQUIRE(p);
    CHECK(p->seq == 7);
    CHECK_THAT(p->what, Catch::Contains("differs from the signed head"));
}

TEST_CASE("tamper: another kiosk's checkpoint does not vouch for this log", "[entry_log][tamper]") {
    TempDir dir;
    const std::string path = dir.file("log.db");
    make_checkpointed_log(path);
    const SigningKey other = key_from_label("another kiosk");
    auto cp = sign_checkpoint(other, fingerprint(other.public_key()), 6, Hash32{}, kLogT0);
    REQUIRE(cp.ok());
    CHECK(verify_checkpoint_signature(cp.value()));
    auto p = verify_against_checkpoint(read_rows_or_fail(path), cp.value());
    REQUIRE(p);
    CHECK_THAT(p->what, Catch::Contains("for kiosk"));
}
