// The checks every request to the web desk passes (issuer/web/web_desk.cpp), over real HTTP.
#include "issuer/desk_workspace.h"
#include "issuer/operator_accounts.h"
#include "issuer/web/web_fixture.h"

#include <catch2/catch.hpp>

using namespace accred;

TEST_CASE("web desk: a disabled account or a changed role ends its sessions at once", "[web]") {
    auto ws = test::make_workspace();
    test::add_test_operator(ws.dir, "sam", OperatorRole::supervisor, "supervisor-pass-1");
    test::WebFixture web(ws.dir, ws.desk.unlock_event_key(test::kDeskPassphrase).value(),
                         1396252800);
    test::WebBrowser sam(web, "sam", "supervisor-pass-1");
    REQUIRE(sam.get("/journal")->status == 200);

    REQUIRE(ws.desk.db().exec("UPDATE operators SET role = 'auditor' WHERE name = 'sam'"));
    auto after_role = sam.get("/journal");
    REQUIRE(after_role);
    CHECK(after_role->status == 303); // to the login page: the session is gone
    CHECK(after_role->get_header_value("Location").rfind("/login", 0) == 0);
    CHECK(web.shared().sessions.size() == 0);

    REQUIRE(ws.desk.db().exec("UPDATE operators SET role = 'supervisor' WHERE name = 'sam'"));
    test::WebBrowser again(web, "sam", "supervisor-pass-1");
    REQUIRE(again.get("/journal")->status == 200);
    REQUIRE(set_operator_disabled(ws.desk.db(), "sam", true));
    CHECK(again.get("/journal")->status == 303);
    // And a POST from the ended session changes nothing: 401, not the action.
    CHECK(again.post("/bundles/export", {{"kind", "whole"}})->status == 401);
}

TEST_CASE("web desk: every answer carries the security headers", "[web]") {
    auto ws = test::make_workspace();
    test::WebFixture web(ws.dir, ws.desk.unlock_event_key(test::kDeskPassphrase).value(),
                         1396252800);
    auto login = web.client().Get("/login");
    REQUIRE(login);
    CHECK(login->get_header_value("Content-Security-Policy").find("script-src") ==
          std::string::npos); // default-src 'self' covers scripts: no inline, no other site
    CHECK(login->get_header_value("Content-Security-Policy").find("default-src 'self'") !=
          std::string::npos);
    CHECK(login->get_header_value("X-Content-Type-Options") == "nosniff");
    CHECK(login->get_header_value("Cache-Control") == "no-store");
    // A page behind the login: the visitor is sent to it, with where they were going.
    auto journal = web.client().Get("/journal");
    REQUIRE(journal);
    CHECK(journal->status == 303);
    CHECK(journal->get_header_value("Location") == "/login?next=/journal");
    // An API call without a session is 401, not a redirect a script would follow.
    auto api = web.client().Get("/api/search?q=a");
    REQUIRE(api);
    CHECK(api->status == 401);
}
