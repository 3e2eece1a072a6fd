// The operator journal in the audit report (issue 19): desk_report_data, the call
// `issuer audit report` and the web desk's audit page share, carries every journal row, and
// report_html lists them, escaped.
#include "crypto/key_file.h"
#include "issuer/audit/report_data.h"
#include "issuer/audit/report_html.h"
#include "issuer/desk.h"
#include "issuer/operator_journal.h"
#include "kiosk/gate_fixture.h"
#include "support/demo_event.h"
#include "support/test_support.h"

#include <catch2/catch.hpp>

using namespace accred;

TEST_CASE("audit report: the operator journal, every row, escaped", "[audit][journal]") {
    test::TempDir tmp;
    const std::string dir = tmp.file("desk");
    auto created = Desk::create(dir, test::demo_event_toml(), test::demo_event(), "desk passphrase",
                                KdfCost::minimum_for_tests());
    REQUIRE(created);
    Desk& desk = created.value();
    const std::int64_t at = test::brussels(1, 4, 9, 30);
    REQUIRE(
        record_operator_action(desk.db(), {0, at, "alice", "supervisor", JournalAction::revoke,
                                           "D002", "lost <badge> & \"replaced\"", "192.0.2.7"}));
    REQUIRE(record_operator_action(desk.db(),
                                   {0, at + 60, "bob", "auditor", JournalAction::view_audit_report,
                                    "", "shown", "192.0.2.8"}));
    {
        auto store = AuditStore::open_for_merge(dir + "/audit.db", desk.event());
        REQUIRE(store);
    }
    auto data = desk_report_data(desk, dir + "/audit.db", {}, at + 120);
    REQUIRE(data);
    REQUIRE(data->operator_journal);
    REQUIRE(data->operator_journal->size() == 2);
    const std::string html = report_html(data.value());
    const auto section = html.find("Operator journal (2)");
    REQUIRE(section != std::string::npos);
    const std::string rows = html.substr(section);
    CHECK(rows.find("<td>alice</td><td>supervisor</td><td>revoke</td><td>D002</td>") !=
          std::string::npos);
    CHECK(rows.find("lost &lt;badge&gt; &amp; &quot;replaced&quot;") != std::string::npos);
    CHECK(rows.find("192.0.2.7") != std::string::npos);
    CHECK(rows.find("2014-04-01 09:30:00 +02:00") != std::string::npos);
    CHECK(rows.find("alice") < rows.find("bob")); // oldest first
    CHECK(html.find("<badge>") == std::string::npos);

    // A report from a store alone (no desk) has no journal section, rather than an empty one.
    auto store = AuditStore::open_readonly(dir + "/audit.db");
    REQUIRE(store);
    auto context = desk_audit_context(desk, {});
    REQUIRE(context);
    auto bare = gather_report(store.value(), context.value(), at);
    REQUIRE(bare);
    CHECK(report_html(bare.value()).find("Operator journal") == std::string::npos);
}
