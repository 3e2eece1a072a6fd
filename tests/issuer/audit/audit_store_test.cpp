// The merged store and the reviewers' questions, on the real logs of AuditScenario: merging is
// idempotent and keeps every chain verifiable, the queries answer from it, the report is one
// self-contained page.
#include "audit_scenario.h"
#include "issuer/audit/anomalies.h"
#include "issuer/audit/audit_queries.h"
#include "issuer/audit/audit_store.h"
#include "issuer/audit/audit_time.h"
#include "issuer/audit/csv_writer.h"
#include "issuer/audit/log_verifier.h"
#include "issuer/audit/report_html.h"

#include <catch2/catch.hpp>
#include <set>

namespace accred::test {
namespace {

std::size_t merge_all(AuditScenario& s, AuditStore& store) {
    std::size_t added = 0;
    for (const auto& g : s.gates()) {
        VerifiedLog v = verify_log_file(s.log_path(g), s.context());
        REQUIRE(v.verdict.ok());
        auto m = store.merge(v.contents, g, s.log_path(g));
        REQUIRE(m);
        added += m->added;
    }
    return added;
}

std::set<std::string> kinds(const std::vector<Anomaly>& all) {
    std::set<std::string> out;
    for (const auto& a : all)
        out.insert(a.kind);
    return out;
}

} // namespace

TEST_CASE("audit merge: idempotent, chains verifiable from the store, forks refused", "[audit]") {
    AuditScenario s;
    const std::string path = s.file("event.db");
    {
        auto store = AuditStore::open_for_merge(path, s.context().event);
        REQUIRE(store);
        CHECK(merge_all(s, store.value()) == 29); // 27 decisions, a wrong PIN, an unlock
        CHECK(merge_all(s, store.value()) == 0);  // the same logs again add nothing
        // A longer copy of one log adds only its new rows.
        s.kiosk("hls_exit").handle_scan(s.fixture().credential("P002"), brussels(1, 4, 17, 40));
        VerifiedLog longer = verify_log_file(s.log_path("hls_exit"), s.context());
        auto m = store->merge(longer.contents, "hls_exit", "longer");
        REQUIRE(m);
        CHECK(m->added == 1);
        CHECK(m->already == 3); // two exits and the unlock
        // Another history for the same kiosk (rebuilt from row 2 on) is refused whole.
        auto fork = longer.contents;
        fork.rows[1].holder = "D004";
        rechain(fork.rows);
        auto refused = store->merge(fork, "hls_exit", "fork");
        REQUIRE_FALSE(refused);
        CHECK_THAT(refused.error().message, Catch::Contains("differs"));
    }
    auto store = AuditStore::open_readonly(path);
    REQUIRE(store);
    auto logs = store->kiosk_logs();
    REQUIRE(logs);
    CHECK(logs->size() == 6);
    for (const auto& log : logs.value())
        CHECK(verify_log_contents(log, s.context(), path).findings.empty());
    CHECK_FALSE(AuditStore::open_readonly(s.log_path("main_gate"))); // a log is not a store
}

TEST_CASE("audit queries: trail, zone window, occupancy, anomalies", "[audit]") {
    AuditScenario& s = shared_scenario();
    const std::string path = s.file("queries.db");
    {
        auto store = AuditStore::open_for_merge(path, s.context().event);
        REQUIRE(store);
        merge_all(s, store.value());
        REQUIRE(cache_anomalies(store.value()));
    }
    auto store = AuditStore::open_readonly(path);
    REQUIRE(store);

    auto trail = holder_trail(store.value(), "M001");
    REQUIRE(trail);
    std::vector<std::string> gates;
    for (const auto& r : trail.value())
        gates.push_back(r.gate);
    CHECK(gates == std::vector<std::string>{"main_gate", "building_door", "plenary_door",
                                            "hls_door", "main_gate", "hls_exit"});

    auto room = zone_movements(store.value(), "hls_room", brussels(1, 4, 14), brussels(1, 4, 18));
    REQUIRE(room);
    std::multiset<std::string> who;
    for (const auto& r : room.value())
        who.insert(*r.holder + (r.direction == Direction::entry ? "+" : "-"));
    CHECK(who == std::multiset<std::string>{"P002+", "M001+", "D002+", "M001-", "D002-"});
    CHECK_FALSE(zone_movements(store.value(), "nowhere", 0, 1));

    const auto inside = [&](const std::string& zone, std::int64_t t) {
        auto o = zone_occupancy(store.value(), zone, t);
        REQUIRE(o);
        std::set<std::string> ids;
        for (const auto& x : o.value())
            ids.insert(x.holder);
        return ids;
    };
    CHECK(inside("hls_room", brussels(1, 4, 14, 30)) ==
          std::set<std::string>{"P002", "M001", "D002"});
    CHECK(inside("hls_room", brussels(1, 4, 16, 30)) == std::set<std::string>{"P002"});
    CHECK(inside("hls_room", brussels(1, 4, 10)).empty());
    // The session room lies inside the grounds: everyone admitted at the main gate is inside.
    CHECK(inside("grounds", brussels(1, 4, 16, 30)).size() == 5);

    auto found = find_anomalies(store.value(), AnomalyOptions{});
    REQUIRE(found);
    const auto k = kinds(found.value());
    for (const char* kind :
         {"denials_by_reason", "repeated_denials", "revoked_or_superseded", "passback",
          "impossible_travel", "double_entry", "override", "pin_rejected", "supervisor_unlock"}) {
        INFO("anomaly kind " << kind);
        CHECK(k.count(kind) == 1);
    }
    for (const auto& a : found.value())
        if (a.kind == "double_entry") {
            CHECK(a.holder == "D001");
            CHECK(a.gate == "side_gate");
            CHECK_THAT(a.detail, Catch::Contains("grounds at main_gate 1200 s before"));
        }
    // Outside the window it is not reported.
    AnomalyOptions narrow;
    narrow.double_entry_seconds = 1200;
    CHECK(kinds(compute_anomalies(store.value(), narrow).value()).count("double_entry") == 0);
    CHECK(k.count("sequence_gap") == 0);
    CHECK(k.count("simulated_time") == 0);
    auto live = compute_anomalies(store.value(), AnomalyOptions{});
    REQUIRE(live);
    CHECK(live->size() == found->size()); // the cache holds what a full computation finds

    // A gap in the store (a row deleted from it) is an anomaly, and fails re-verification.
    tamper_sql(path, "DELETE FROM entries WHERE kiosk_id = (SELECT kiosk_id FROM kiosks WHERE "
                     "gate = 'main_gate') AND seq = 3");
    auto tampered = AuditStore::open_readonly(path);
    REQUIRE(tampered);
    auto again = find_anomalies(tampered.value(), AnomalyOptions{});
    REQUIRE(again);
    CHECK(kinds(again.value()).count("sequence_gap") == 1);
    auto data = gather_report(tampered.value(), s.context(), brussels(1, 4, 18));
    REQUIRE(data);
    CHECK_FALSE(data->verified());
}

TEST_CASE("audit report: one self-contained page, verification first", "[audit]") {
    AuditScenario& s = shared_scenario();
    const std::string path = s.file("report.db");
    {
        auto store = AuditStore::open_for_merge(path, s.context().event);
        REQUIRE(store);
        merge_all(s, store.value());
    }
    auto store = AuditStore::open_readonly(path);
    REQUIRE(store);
    auto data = gather_report(store.value(), s.context(), brussels(1, 4, 18));
    REQUIRE(data);
    CHECK(data->verified());
    const std::string html = report_html(data.value());
    CHECK(html.find("All 6 kiosk logs verified") < html.find("Entries per"));
    CHECK(html.find("http") == std::string::npos);
    CHECK(html.find("src=") == std::string::npos);
    CHECK(html.find("<script") == std::string::npos);
    CHECK(html.find("<svg") != std::string::npos);
    CHECK(html.find("+02:00") != std::string::npos);
}

TEST_CASE("audit time and CSV: offsets always shown, fields quoted", "[audit]") {
    const std::string tz = "Europe/Brussels";
    CHECK(format_audit_time(tz, 1396353605) == "2014-04-01 14:00:05 +02:00");
    CHECK(format_audit_time(tz, 1396000000) == "2014-03-28 10:46:40 +01:00");
    CHECK(CsvWriter::field("plain") == "plain");
    CHECK(CsvWriter::field("a,b") == "\"a,b\"");
    CHECK(CsvWriter::field("say \"hi\"") == "\"say \"\"hi\"\"\"");
    CHECK(CsvWriter::field("two\nlines") == "two\\x0Alines"); // never a line of its own
    CHECK(CsvWriter::field("\x1b[2KAll logs verified.") == "\\x1B[2KAll logs verified.");
    CHECK(CsvWriter::field("=HYPERLINK(1)") == "'=HYPERLINK(1)");
}

} // namespace accred::test
