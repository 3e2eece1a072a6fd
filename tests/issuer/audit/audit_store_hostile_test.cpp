// A merged store handed to the queries and the report may be hostile too (issue 16, item 3):
// anything but the exact schema an audit store has is refused before a row is read, within
// seconds, and the store's own reads are bounded.
#include "audit_scenario.h"
#include "issuer/audit/audit_store.h"
#include "issuer/audit/log_verifier.h"

#include <catch2/catch.hpp>
#include <chrono>
#include <filesystem>

namespace accred::test {
namespace {

// A real store of the scenario's logs, copied under name for tampering.
std::string store_copy(AuditScenario& s, const std::string& name, bool fleet_tables) {
    const std::string path = s.file(name);
    std::filesystem::remove(path);
    auto store = AuditStore::open_for_merge(path, s.context().event);
    REQUIRE(store);
    for (const auto& g : s.gates()) {
        VerifiedLog v = verify_log_file(s.log_path(g), s.context());
        REQUIRE(store->merge(v.contents, g, s.log_path(g)));
    }
    if (fleet_tables) REQUIRE(store->enable_presence_feed());
    return path;
}

void check_refused(const std::string& path, const std::string& expected) {
    const auto started = std::chrono::steady_clock::now();
    auto store = AuditStore::open_readonly(path);
    const auto took = std::chrono::steady_clock::now() - started;
    REQUIRE_FALSE(store);
    INFO(store.error().message);
    CHECK_THAT(store.error().message, Catch::Contains(path));
    CHECK_THAT(store.error().message, Catch::Contains(expected));
    CHECK(took < std::chrono::seconds(5));
}

} // namespace

TEST_CASE("audit store: only the exact schema is opened for queries", "[audit]") {
    AuditScenario& s = shared_scenario();
    SECTION("as merged, and as the desk keeps it, it opens") {
        CHECK(AuditStore::open_readonly(store_copy(s, "merged.db", false)));
        CHECK(AuditStore::open_readonly(store_copy(s, "desk.db", true)));
    }
    SECTION("entries replaced by a full-text virtual table over a recursive view") {
        const auto path = store_copy(s, "fts.db", false);
        tamper_sql(path, "DROP TABLE entries; CREATE VIEW forever(n) AS WITH RECURSIVE r(n) AS "
                         "(SELECT 1 UNION ALL SELECT n + 1 FROM r) SELECT n FROM r; "
                         "CREATE VIRTUAL TABLE entries USING fts5(kiosk_id, content='forever')");
        check_refused(path, "is not one an audit store has");
    }
    SECTION("a view, a trigger, an extra index") {
        for (const char* sql :
             {"CREATE VIEW extra AS SELECT * FROM entries",
              "CREATE TRIGGER t AFTER INSERT ON zones BEGIN DELETE FROM entries; END",
              "CREATE INDEX extra ON entries(verdict)"}) {
            const auto path = store_copy(s, "extra.db", false);
            tamper_sql(path, sql);
            check_refused(path, "is not one an audit store has");
        }
    }
    SECTION("a table missing, or a column changed") {
        const auto missing = store_copy(s, "missing.db", false);
        tamper_sql(missing, "DROP TABLE anomaly_cache");
        check_refused(missing, "anomaly_cache is missing");
        const auto changed = store_copy(s, "changed.db", false);
        tamper_sql(changed, "ALTER TABLE kiosks ADD COLUMN note TEXT");
        check_refused(changed, "table kiosks is not one an audit store has");
    }
    SECTION("half of the desk's tables") {
        const auto path = store_copy(s, "half.db", true);
        tamper_sql(path, "DROP TABLE refused_rows");
        check_refused(path, "only part of the desk's fleet tables");
    }
}
} // namespace accred::test
