// The auditor's audit page over real HTTP: the report of `issuer audit report` (the same
// desk_report_data) in a frame, with the operator journal, its own narrow CSP, and journalled.
#include "issuer/desk_workspace.h"
#include "issuer/fleet/desk_fleet_fixture.h"
#include "issuer/web/web_fixture.h"

#include <catch2/catch.hpp>

using namespace accred;
using accred::test::day_two;
using accred::test::DeskFleetFixture;

TEST_CASE("Web audit: the report in the page, with the operator journal", "[web][audit]") {
    DeskFleetFixture f;
    REQUIRE(f.scan("main_gate", "D002", day_two(9)).verdict == Verdict::granted);
    REQUIRE(f.sync("main_gate", DeskFleetFixture::request(f.rows("main_gate"))).status == 200);
    test::add_test_operator(f.desk.dir(), "ann", OperatorRole::auditor, "pw-for-ann-123");
    auto key = f.desk.unlock_event_key("desk passphrase");
    REQUIRE(key);
    test::WebFixture web(f.desk.dir(), std::move(key).value(), DeskFleetFixture::kClockStart);
    test::WebBrowser ann(web, "ann", "pw-for-ann-123");

    auto page = ann.get("/audit");
    REQUIRE(page);
    REQUIRE(page->status == 200);
    CHECK(page->body.find(
              "<iframe id=\"report-frame\" class=\"report\" src=\"/audit/report.html\"") !=
          std::string::npos);
    CHECK(page->body.find("href=\"/audit/report.html?download=1\"") != std::string::npos);

    auto report = ann.get("/audit/report.html");
    REQUIRE(report);
    REQUIRE(report->status == 200);
    CHECK(report->get_header_value("Content-Type").rfind("text/html", 0) == 0);
    // One policy, the report's: its inline style sheet allowed, no script, framed only here.
    CHECK(report->get_header_value_count("Content-Security-Policy") == 1);
    const std::string policy = report->get_header_value("Content-Security-Policy");
    CHECK(policy.find("style-src 'unsafe-inline'") != std::string::npos);
    CHECK(policy.find("script-src") == std::string::npos);
    CHECK(policy.find("default-src 'none'") != std::string::npos);
    CHECK(report->body.find("All 1 kiosk logs verified") != std::string::npos);
    // The auditor's own login is in the report's journal.
    const auto journal = report->body.find("Operator journal (");
    REQUIRE(journal != std::string::npos);
    CHECK(report->body.find("<td>ann</td><td>auditor</td><td>login</td>", journal) !=
          std::string::npos);

    auto download = ann.get("/audit/report.html?download=1");
    REQUIRE(download);
    CHECK(download->get_header_value("Content-Disposition").rfind("attachment", 0) == 0);
    CHECK(test::sql_value(f.desk, "SELECT count(*) FROM operator_journal WHERE action = "
                                  "'view audit report' AND operator = 'ann'") == "2");
}

TEST_CASE("Web audit: no kiosk synced yet is said plainly", "[web][audit]") {
    auto ws = test::make_workspace();
    test::add_test_operator(ws.dir, "ann", OperatorRole::auditor, "pw-for-ann-123");
    test::WebFixture web(ws.dir, std::move(ws.key), 1396472400);
    test::WebBrowser ann(web, "ann", "pw-for-ann-123");
    auto page = ann.get("/audit");
    REQUIRE(page);
    CHECK(page->status == 200);
    CHECK(page->body.find("id=\"no-store\"") != std::string::npos);
    CHECK(page->body.find("<iframe") == std::string::npos);
    CHECK(ann.get("/audit/report.html")->status == 404);
}
