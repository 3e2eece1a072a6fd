// read_log_readonly on files handed in to the audit, which may be crafted: wrong types, views in
// place of tables, values far too large, unknown versions. Each is a clear error naming the file.
#include "entrylog/entry_log.h"
#include "log_test_support.h"

#include <catch2/catch.hpp>
#include <fstream>
#include <iterator>

using namespace accred;
using namespace accred::test;

namespace {

// Replaces the STRICT entries table by a loose copy, so any value can be stored in any column.
constexpr const char* kLoosen =
    "ALTER TABLE entries RENAME TO strict_entries; "
    "CREATE TABLE entries (seq INTEGER PRIMARY KEY, time, simulated_time, kiosk_id, gate, zone, "
    "direction, verdict, reason, admitted, other_reasons, holder, cti, issue, override_by, "
    "original_reason, credential, "
    "prev_hash, hash); "
    "INSERT INTO entries SELECT * FROM strict_entries; DROP TABLE strict_entries; ";

std::string read_error(const std::string& path) {
    auto rows = read_log_readonly(path);
    REQUIRE_FALSE(rows.ok());
    CHECK_THAT(rows.error().message, Catch::Contains(path));
    return rows.error().message;
}

std::string file_bytes(const std::string& path) {
    std::ifstream in(path, std::ios::binary);
    return {std::istreambuf_iterator<char>(in), std::istreambuf_iterator<char>()};
}

} // namespace

TEST_CASE("log reader: reads a sound log without changing the file", "[entry_log][reader]") {
    TempDir dir;
    const std::string path = dir.file("log.db");
    {
        EntryLog log = make_log(path, 4);
        REQUIRE(log.checkpoint(log_kiosk_key(), kLogT0 + 1000).ok());
    }
    const std::string before = file_bytes(path);
    auto contents = read_log_readonly(path);
    REQUIRE(contents.ok());
    CHECK(contents->rows.size() == 4);
    CHECK(contents->checkpoints.size() == 1);
    CHECK(contents->kiosk_id == log_kiosk_id());
    CHECK(file_bytes(path) == before);
}

TEST_CASE("log reader: crafted files are refused with a reason", "[entry_log][reader]") {
    TempDir dir;
    const std::string path = dir.file("log.db");
    make_log(path, 4);

    SECTION("a value of the wrong type") {
        tamper(path, std::string(kLoosen) + "UPDATE entries SET time = 'noon' WHERE seq = 2");
        CHECK_THAT(read_error(path), Catch::Contains("row 2 has a value of the wrong type"));
    }
    SECTION("a NULL where a value is required") {
        tamper(path, std::string(kLoosen) + "UPDATE entries SET gate = NULL WHERE seq = 3");
        CHECK_THAT(read_error(path), Catch::Contains("row 3 has a value of the wrong type"));
    }
    SECTION("a field over its cap") {
        tamper(path, "UPDATE entries SET gate = printf('%.100c', 'g') WHERE seq = 2");
        CHECK_THAT(read_error(path), Catch::Contains("row 2: a value is out of range or too long"));
    }
    SECTION("a value far too large to load") {
        tamper(path,
               std::string(kLoosen) +
                   "UPDATE entries SET holder = CAST(zeroblob(300000) AS TEXT) WHERE seq = 1");
        CHECK_THAT(read_error(path), Catch::Contains("too big"));
    }
    SECTION("a direction outside the vocabulary") {
        tamper(path, std::string(kLoosen) + "UPDATE entries SET direction = 'up' WHERE seq = 4");
        CHECK_THAT(read_error(path), Catch::Contains("row 4"));
    }
    SECTION("a short hash") {
        tamper(path, std::string(kLoosen) + "UPDATE entries SET hash = x'00' WHERE seq = 4");
        CHECK_THAT(read_error(path), Catch::Contains("row 4"));
    }
    SECTION("a view in place of the table") {
        tamper(path, "ALTER TABLE entries RENAME TO real_entries; "
                     "CREATE VIEW entries AS SELECT * FROM real_entries");
        CHECK_THAT(read_error(path), Catch::Contains("entries is not a table"));
    }
    SECTION("a missing column") {
        tamper(path, "ALTER TABLE entries DROP COLUMN original_reason");
        CHECK_THAT(read_error(path), Catch::Contains("not an entry log of a known form"));
    }
    SECTION("another schema version") {
        tamper(path, "UPDATE meta SET value = '3' WHERE key = 'schema_version'");
        CHECK_THAT(read_error(path), Catch::Contains("schema version \"3\" is not supported"));
        auto log = EntryLog::open(path, log_kiosk_id());
        REQUIRE_FALSE(log.ok());
        CHECK_THAT(log.error().message, Catch::Contains("not supported"));
    }
    SECTION("a malformed checkpoint") {
        tamper(path, "CREATE TABLE loose (id INTEGER PRIMARY KEY, kiosk_id, seq, head, time, "
                     "kiosk_public_key, signature); "
                     "INSERT INTO loose VALUES (1, 'k', 1, zeroblob(32), 0, zeroblob(32), x'00'); "
                     "DROP TABLE checkpoints; ALTER TABLE loose RENAME TO checkpoints");
        CHECK_THAT(read_error(path), Catch::Contains("checkpoint 1 is malformed"));
    }
    SECTION("a file that does not exist") {
        CHECK_THAT(read_error(dir.file("absent.db")), Catch::Contains("cannot open"));
    }
}
