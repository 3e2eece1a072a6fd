// SQLite files crafted to be hostile: each gives a clear error naming the file, never a crash,
// and audit verify reads them read-only (the file is left exactly as it was).
#include "audit_scenario.h"
#include "issuer/audit/log_verifier.h"

#include <catch2/catch.hpp>
#include <fstream>
#include <iterator>

namespace accred::test {
namespace {

std::string bytes_of(const std::string& path) {
    std::ifstream in(path, std::ios::binary);
    return {std::istreambuf_iterator<char>(in), std::istreambuf_iterator<char>()};
}

void check_refused(AuditScenario& s, const std::string& path, const std::string& expected) {
    const std::string before = bytes_of(path);
    const VerifiedLog v = verify_log_file(path, s.context());
    REQUIRE_FALSE(v.verdict.ok());
    INFO(v.verdict.findings.front().what);
    CHECK(v.verdict.unreadable);
    CHECK_THAT(v.verdict.findings.front().what, Catch::Contains(path));
    CHECK_THAT(v.verdict.findings.front().what, Catch::Contains(expected));
    CHECK(bytes_of(path) == before);
}

} // namespace

TEST_CASE("audit verify: hostile SQLite files give a clear error, never a crash", "[audit]") {
    AuditScenario& s = shared_scenario();
    SECTION("corrupt pages") {
        const auto path = s.copy_log("plenary_door", "corrupt.db");
        std::string data = bytes_of(path);
        REQUIRE(data.size() > 3 * 4096);
        for (std::size_t i = 4096 + 100; i < data.size() - 100; i += 7)
            data[i] = '\xA5';
        std::ofstream(path, std::ios::binary | std::ios::trunc) << data;
        check_refused(s, path, "entry log");
    }
    SECTION("not a database at all") {
        const auto path = s.file("text.db");
        std::ofstream(path) << "SQLite format 3? no, just text\n";
        check_refused(s, path, "entry log");
    }
    SECTION("a trigger that would write if it ever ran, and entries replaced by a view") {
        const auto path = s.copy_log("hls_door", "trigger.db");
        tamper_sql(path, "CREATE TABLE stolen(x); CREATE TRIGGER steal AFTER INSERT ON meta "
                         "BEGIN INSERT INTO stolen SELECT credential FROM entries; END; "
                         "ALTER TABLE entries RENAME TO real_entries; "
                         "CREATE VIEW entries AS SELECT * FROM real_entries");
        check_refused(s, path, "entries");
    }
    SECTION("a huge blob in a row") {
        const auto path = s.copy_log("hls_door", "blob.db");
        tamper_sql(path, "DROP TRIGGER entries_no_update; UPDATE entries SET credential = "
                         "zeroblob(50000000) WHERE seq = 2");
        check_refused(s, path, "entry log");
    }
    SECTION("a wrong schema: another version, and a mistyped column") {
        const auto path = s.copy_log("hls_door", "version.db");
        tamper_sql(path, "UPDATE meta SET value = '99' WHERE key = 'schema_version'");
        check_refused(s, path, "version");
        const auto typed = s.copy_log("hls_door", "typed.db");
        tamper_sql(typed, "DROP TRIGGER entries_no_update; PRAGMA writable_schema = OFF; "
                          "CREATE TABLE e2 AS SELECT * FROM entries; DROP TABLE entries; "
                          "CREATE TABLE entries(seq, time, simulated_time, kiosk_id, gate, zone, "
                          "direction, verdict, reason, admitted, other_reasons, holder, cti, "
                          "issue, override_by, "
                          "original_reason, credential, prev_hash, hash); "
                          "INSERT INTO entries SELECT * FROM e2; "
                          "UPDATE entries SET time = 'yesterday' WHERE seq = 1");
        check_refused(s, typed, "entry log");
    }
}

} // namespace accred::test
