// The operator journal and print log pages over real HTTP, and the role limits of the pages of
// issue 19: a desk operator sees none of them, an auditor reads everything and changes nothing.
#include "issuer/desk_workspace.h"
#include "issuer/print_log.h"
#include "issuer/web/web_fixture.h"
#include "issuer/web/web_routes.h"

#include <catch2/catch.hpp>

using namespace accred;

namespace {

constexpr std::int64_t kNow = 1396472400;

// A concrete path for a route's pattern: each regex group becomes a demo holder id.
std::string sample_path(const std::string& pattern) {
    std::string out;
    int depth = 0;
    for (char ch : pattern) {
        if (ch == '(' && depth++ == 0) out += "D002";
        if (depth == 0 && ch != ')') out += ch;
        if (ch == ')') --depth;
    }
    return out;
}

} // namespace

TEST_CASE("Web journal: logins listed newest first, filtered and paged", "[web][journal]") {
    auto ws = test::make_workspace();
    test::add_test_operator(ws.dir, "sue", OperatorRole::supervisor, "pw-for-sue-123");
    test::add_test_operator(ws.dir, "otto", OperatorRole::desk_operator, "pw-for-otto-123");
    for (int i = 0; i < 120; ++i)
        REQUIRE(record_operator_action(ws.desk.db(),
                                       {0, kNow - 1000 + i, "otto", "operator",
                                        JournalAction::issue, "D00" + std::to_string(i % 3),
                                        "issue " + std::to_string(i), "127.0.0.1"}));
    REQUIRE(record_print(ws.desk.db(), {0, kNow, "D002", 1, "otto", "badges", "17"}));
    test::WebFixture web(ws.dir, std::move(ws.key), kNow);
    test::WebBrowser sue(web, "sue", "pw-for-sue-123");

    auto page = sue.get("/journal");
    REQUIRE(page);
    REQUIRE(page->status == 200);
    // Newest first: sue's login (the last row) heads the table.
    const auto first_row = page->body.find("<tbody>");
    CHECK(page->body.find("<td>sue</td>", first_row) == std::string::npos); // a link, not text
    CHECK(page->body.find("operator=sue\">sue</a></td><td>supervisor</td><td>login</td>",
                          first_row) < page->body.find("issue 119", first_row));
    // 100 rows a page; the older ones behind a link.
    const std::string older = test::first_match(page->body, "id=\"older\" href=\"([^\"]+)\"");
    REQUIRE_FALSE(older.empty());
    auto next = sue.get(std::regex_replace(older, std::regex("&amp;"), "&"));
    REQUIRE(next);
    CHECK(next->body.find("issue 0<") != std::string::npos);
    CHECK(next->body.find("issue 119<") == std::string::npos);

    auto by_subject = sue.get("/journal?subject=D001");
    REQUIRE(by_subject);
    CHECK(by_subject->body.find("issue 1<") != std::string::npos);
    CHECK(by_subject->body.find("issue 2<") == std::string::npos);
    auto by_operator = sue.get("/journal?operator=sue");
    REQUIRE(by_operator);
    CHECK(by_operator->body.find("<td>login</td>") != std::string::npos);
    CHECK(by_operator->body.find("issue 5<") == std::string::npos);
    CHECK(sue.get("/journal?subject=%3Cscript%3E")->status == 400);
    CHECK(sue.get("/journal?before=-1")->status == 400);

    auto prints = sue.get("/prints");
    REQUIRE(prints);
    CHECK(prints->status == 200);
    CHECK(prints->body.find("<td>badges</td><td>17</td>") != std::string::npos);
}

TEST_CASE("Web roles: a desk operator is refused, an auditor reads and changes nothing",
          "[web][roles]") {
    auto ws = test::make_workspace();
    test::add_test_operator(ws.dir, "otto", OperatorRole::desk_operator, "pw-for-otto-123");
    test::add_test_operator(ws.dir, "ann", OperatorRole::auditor, "pw-for-ann-123");
    test::WebFixture web(ws.dir, std::move(ws.key), kNow);
    test::WebBrowser otto(web, "otto", "pw-for-otto-123");
    for (const std::string path :
         {"/operations", "/operations/evacuation?zone=grounds", "/api/refusals", "/journal",
          "/prints", "/audit", "/audit/report.html"}) {
        auto r = otto.get(path);
        REQUIRE(r);
        INFO(path);
        CHECK(r->status == 403);
    }
    // The menu offers only what the role allows.
    auto menu = otto.get("/login");
    REQUIRE(menu);
    CHECK(menu->body.find("href=\"/operations\"") == std::string::npos);

    test::WebBrowser ann(web, "ann", "pw-for-ann-123");
    for (const std::string path : {"/audit", "/journal", "/prints", "/operations"}) {
        auto r = ann.get(path);
        REQUIRE(r);
        INFO(path);
        CHECK(r->status == 200);
    }
    // Every route that changes something (a POST needing a permission) refuses the auditor,
    // even with a valid session and CSRF token: whichever pages are mounted.
    for (const WebRoute& route : all_web_routes()) {
        if (route.method != WebRoute::Method::post || !route.permission) continue;
        auto r = ann.post(sample_path(route.pattern), {});
        REQUIRE(r);
        INFO(route.pattern);
        CHECK(r->status == 403);
    }
    // The journal shows each login.
    auto journal = ann.get("/journal?operator=otto");
    REQUIRE(journal);
    CHECK(journal->body.find("<td>login</td>") != std::string::npos);
}
