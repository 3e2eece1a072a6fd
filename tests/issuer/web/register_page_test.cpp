// The walk-in page over real HTTP on a real workspace: every problem beside its field and
// nothing stored, a good walk-in stored, issued, journalled and found, a taken id refused,
// concurrent registrations each landing once, and the roles that may not register.
#include "issuer/walk_in.h"
#include "register_fixture.h"
#include "support/demo_event.h"

#include <algorithm>
#include <catch2/catch.hpp>
#include <functional>
#include <nlohmann/json.hpp>
#include <thread>
#include <vector>

using namespace accred;
using namespace accred::test;

namespace {

httplib::MultipartFormDataItems walk_in(const std::string& id, const std::string& name,
                                        bool with_photo = true, bool issue = false) {
    httplib::MultipartFormDataItems items{
        part("id", id),
        part("name", name),
        part("delegation", "Kingdom of Belgium"),
        part("category", "delegate"),
        part("days", "2014-03-31"),
        part("days", "2014-04-01"),
        part("escort_of", ""),
    };
    if (with_photo)
        items.push_back(part("photo", demo_file("photos/D001.png"), "D001.png", "image/png"));
    if (issue) {
        items.push_back(part("issue_now", "1"));
        items.push_back(part("print_now", "1"));
    }
    return items;
}

std::string count_people(WebDeskFixture& f, const std::string& where = "1") {
    return sql_value(f.ws.desk, "SELECT count(*) FROM people WHERE " + where);
}

} // namespace

TEST_CASE("a walk-in with several mistakes gets each problem beside its field; nothing is stored",
          "[web][register]") {
    WebDeskFixture f;
    f.add("olga", OperatorRole::desk_operator);
    UploadBrowser b = f.login_as("olga");
    auto page = b.get("/register");
    REQUIRE(page->status == 200);
    for (const char* id :
         {"register-form", "id", "name", "delegation", "category", "days", "zones", "escort_of",
          "photo", "photo-video", "take-photo", "photo-file", "photo-preview", "issue-now"})
        CHECK(page->body.find(std::string("id=\"") + id + "\"") != std::string::npos);
    // Today is the first day: both days are ticked by default.
    CHECK(page->body.find("value=\"2014-03-31\" checked") != std::string::npos);

    WalkInForm form{"bad id!", "", "", "minstrel", "2015-01-01", "moon", "NOBODY", "", "x.png"};
    httplib::MultipartFormDataItems items{part("id", form.id),
                                          part("name", form.name),
                                          part("delegation", ""),
                                          part("category", form.category),
                                          part("days", form.days),
                                          part("zones", form.zones),
                                          part("escort_of", form.escort_of)};
    auto res = b.post_multipart("/register", items);
    REQUIRE(res);
    CHECK(res->status == 422);
    const WalkInCheck expected = check_walk_in(form, demo_event(), {});
    REQUIRE(expected.problems.size() >= 5);
    for (const FieldProblem& p : expected.problems) {
        INFO(p.field << ": " << p.message);
        CHECK(html_unescape(element_text(res->body, p.field + "-problem")).find(p.message) !=
              std::string::npos);
        CHECK(res->body.find("aria-describedby=\"" + p.field +
                             "-problem\" aria-invalid=\"true\"") != std::string::npos);
    }
    // What was typed is kept.
    CHECK(res->body.find("value=\"bad id!\"") != std::string::npos);
    CHECK(count_people(f) == "0");

    // The check the script calls as the operator types says the same.
    auto api = b.post_multipart("/api/register/check", items, true);
    REQUIRE(api->status == 200);
    const auto body = nlohmann::json::parse(api->body);
    REQUIRE(body["problems"].size() == expected.problems.size());
    for (std::size_t i = 0; i < expected.problems.size(); ++i) {
        CHECK(body["problems"][i]["field"] == expected.problems[i].field);
        CHECK(body["problems"][i]["message"] == expected.problems[i].message);
    }
    // Without the CSRF token the check is refused.
    auto forged =
        b.http->Post("/api/register/check", b.headers(true), httplib::Params{{"id", "X"}});
    CHECK(forged->status == 403);
}

TEST_CASE("a good walk-in is stored, issued, journalled and found; the same id twice is refused",
          "[web][register]") {
    WebDeskFixture f;
    f.add("olga", OperatorRole::desk_operator);
    UploadBrowser b = f.login_as("olga");
    auto res = b.post_multipart("/register", walk_in("W001", "Walk Ín Person", true, true));
    REQUIRE(res);
    REQUIRE(res->status == 303);
    CHECK(res->get_header_value("Location") == "/person/W001?done=registered&print=1");
    CHECK(count_people(f, "id = 'W001'") == "1");
    CHECK(sql_value(f.ws.desk, "SELECT name FROM people WHERE id = 'W001'") == "Walk Ín Person");
    CHECK(sql_value(f.ws.desk, "SELECT count(*) FROM credentials WHERE holder = 'W001'") == "1");
    CHECK(sql_value(f.ws.desk,
                    "SELECT group_concat(action || ':' || subject || ':' || operator, ' ') "
                    "FROM operator_journal WHERE action IN ('register', 'issue')") ==
          "register:W001:olga issue:W001:olga");
    auto found = b.get("/api/search?q=walk in", true);
    REQUIRE(found->status == 200);
    const auto people = nlohmann::json::parse(found->body)["people"];
    REQUIRE(people.size() == 1);
    CHECK(people[0]["id"] == "W001");

    auto again = b.post_multipart("/register", walk_in("W001", "Someone Else"));
    REQUIRE(again);
    CHECK(again->status == 422);
    CHECK(html_unescape(element_text(again->body, "id-problem"))
              .find("W001 is already on the roster") != std::string::npos);
    CHECK(count_people(f) == "1");
    // The photo was good: it comes back for the next try instead of being asked for again.
    CHECK(!element_text(again->body, "photo-kept-note").empty());

    // Without "issue now" the person is stored and not issued.
    auto quiet = b.post_multipart("/register", walk_in("W002", "Second Walk In"));
    REQUIRE(quiet->status == 303);
    CHECK(quiet->get_header_value("Location") == "/person/W002?done=registered");
    CHECK(sql_value(f.ws.desk, "SELECT count(*) FROM credentials WHERE holder = 'W002'") == "0");
}

TEST_CASE("walk-ins registered at once each land exactly once", "[web][register]") {
    WebDeskFixture f;
    f.add("olga", OperatorRole::desk_operator);
    const UploadBrowser olga = f.login_as("olga");
    // Each thread its own connection; Catch's checks only on this thread, afterwards.
    auto at_once = [&](int n, const std::function<std::string(int)>& id_of) {
        std::vector<int> status(static_cast<std::size_t>(n), 0);
        std::vector<std::string> body(static_cast<std::size_t>(n));
        std::vector<std::thread> threads;
        for (int i = 0; i < n; ++i)
            threads.emplace_back([&, i] {
                UploadBrowser b = olga.another(f.port());
                auto res = b.post_multipart("/register", walk_in(id_of(i), "At Once " + id_of(i)));
                if (!res) { std::fprintf(stderr, "no answer: %s\n", httplib::to_string(res.error()).c_str()); return; }
                status[static_cast<std::size_t>(i)] = res->status;
                body[static_cast<std::size_t>(i)] = res->body;
            });
        for (auto& t : threads)
            t.join();
        return std::make_pair(status, body);
    };
    const auto [distinct, ignored] =
        at_once(20, [](int i) { return "C" + std::to_string(100 + i); });
    CHECK(std::count(distinct.begin(), distinct.end(), 303) == 20);
    CHECK(count_people(f, "id LIKE 'C1%'") == "20");
    for (int i = 0; i < 20; ++i)
        CHECK(count_people(f, "id = 'C" + std::to_string(100 + i) + "'") == "1");

    const auto [same, bodies] = at_once(5, [](int) { return std::string("SAME1"); });
    CHECK(std::count(same.begin(), same.end(), 303) == 1);
    CHECK(std::count(same.begin(), same.end(), 422) == 4);
    for (std::size_t i = 0; i < same.size(); ++i)
        if (same[i] == 422)
            CHECK(html_unescape(element_text(bodies[i], "id-problem")) ==
                  "<li>SAME1 is already on the roster</li>");
    CHECK(count_people(f, "id = 'SAME1'") == "1");
    CHECK(sql_value(f.ws.desk, "SELECT count(*) FROM operator_journal WHERE action = 'register'") ==
          "21");
}

TEST_CASE("an auditor and a security chief may not register or upload", "[web][register]") {
    WebDeskFixture f;
    f.add("audrey", OperatorRole::auditor);
    f.add("sam", OperatorRole::security);
    for (const char* name : {"audrey", "sam"}) {
        UploadBrowser b = f.login_as(name);
        CHECK(b.get("/register")->status == 403);
        CHECK(b.get("/roster")->status == 403);
        CHECK(b.post_multipart("/register", walk_in("X001", "Not Allowed"))->status == 403);
        CHECK(b.post_multipart("/roster", {part("roster", demo_file("roster.csv"), "roster.csv")})
                  ->status == 403);
        CHECK(b.post("/roster/issue", {})->status == 403);
        CHECK(b.post_multipart("/api/register/check", walk_in("X001", "N"), true)->status == 403);
    }
    CHECK(count_people(f) == "0");
}

TEST_CASE("a walk-in's days default to the event's days from today on", "[web][register]") {
    WebDeskFixture f(kWebNow + 24 * 3600); // 2014-04-01, the last day
    f.add("olga", OperatorRole::desk_operator);
    UploadBrowser b = f.login_as("olga");
    const std::string page = b.get("/register")->body;
    CHECK(page.find("value=\"2014-03-31\">") != std::string::npos);
    CHECK(page.find("value=\"2014-04-01\" checked") != std::string::npos);
}
