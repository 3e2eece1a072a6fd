// The security chief's operations view over real HTTP: the fleet, the refusals feed and the
// evacuation list from a DESK/audit.db filled by real kiosks' syncs (DeskFleetFixture), and the
// plain notice when no kiosk ever synced.
#include "issuer/audit/audit_queries.h"
#include "issuer/desk_workspace.h"
#include "issuer/fleet/desk_fleet_fixture.h"
#include "issuer/web/web_fixture.h"

#include <catch2/catch.hpp>
#include <nlohmann/json.hpp>
#include <cstdlib>
#include <filesystem>
#include <regex>

using namespace accred;
using accred::test::day_two;
using accred::test::DeskFleetFixture;

namespace {

constexpr std::int64_t kWebNow = DeskFleetFixture::kClockStart + 100;

// The kiosks' decisions, synced: D002 in at the main gate then refused (already inside), D003
// into the plenary.
void fill_fleet(DeskFleetFixture& f) {
    REQUIRE(f.desk.import_people(test::demo_roster(), 0));
    REQUIRE(f.scan("main_gate", "D002", day_two(9)).verdict == Verdict::granted);
    REQUIRE(f.scan("main_gate", "D002", day_two(9, 1)).verdict == Verdict::denied);
    REQUIRE(f.scan("plenary_door", "D003", day_two(10)).verdict == Verdict::granted);
    for (const char* gate : {"main_gate", "plenary_door"})
        REQUIRE(f.sync(gate, DeskFleetFixture::request(f.rows(gate))).status == 200);
}

std::vector<std::string> listed_holders(const std::string& html) {
    std::vector<std::string> out;
    const std::regex cell("<td class=\"holder\">([^<]+)</td>");
    for (auto it = std::sregex_iterator(html.begin(), html.end(), cell);
         it != std::sregex_iterator(); ++it)
        out.push_back((*it)[1].str());
    return out;
}

} // namespace

TEST_CASE("Web operations: fleet, refusals and an evacuation list equal to zone_occupancy",
          "[web][operations]") {
    DeskFleetFixture f;
    fill_fleet(f);
    test::add_test_operator(f.desk.dir(), "sam", OperatorRole::security, "pw-for-sam-123");
    auto key = f.desk.unlock_event_key("desk passphrase");
    REQUIRE(key);
    test::WebFixture web(f.desk.dir(), std::move(key).value(), kWebNow);
    test::WebBrowser sam(web, "sam", "pw-for-sam-123");

    auto page = sam.get("/operations");
    REQUIRE(page);
    REQUIRE(page->status == 200);
    CHECK(page->body.find("id=\"fleet\"") != std::string::npos);
    CHECK(page->body.find("main_gate") != std::string::npos);
    CHECK(page->body.find("plenary_door") != std::string::npos);
    CHECK(page->body.find("id=\"no-store\"") == std::string::npos);
    // The refusal, with the holder's name from desk.db and the kiosk's words for the reason.
    CHECK(page->body.find("(D002)") != std::string::npos);
    CHECK(page->body.find("src=\"/person/D002/photo\"") != std::string::npos);
    CHECK(page->body.find("/static/operations.js") != std::string::npos);

    auto feed = sam.get("/api/refusals?after=0");
    REQUIRE(feed);
    REQUIRE(feed->status == 200);
    const auto refusals = nlohmann::json::parse(feed->body)["refusals"];
    REQUIRE(refusals.size() == 1);
    CHECK(refusals[0]["holder"] == "D002");
    CHECK(refusals[0]["verdict"] == "denied");
    CHECK(refusals[0]["time"] == day_two(9, 1));
    CHECK_FALSE(std::string(refusals[0]["name"]).empty());
    // Nothing refused after it.
    auto later = sam.get("/api/refusals?after=" + std::to_string(day_two(9, 1) + 1));
    REQUIRE(later);
    CHECK(nlohmann::json::parse(later->body)["refusals"].empty());
    CHECK(sam.get("/api/refusals?after=yesterday")->status == 400);

    auto photo = sam.get("/person/D002/photo");
    REQUIRE(photo);
    CHECK(photo->status == 200);
    CHECK(photo->get_header_value("Content-Type").rfind("image/", 0) == 0);
    CHECK(sam.get("/person/NOBODY/photo")->status == 404);
    CHECK(sam.get("/person/..%2Fdesk.db/photo")->status == 404);

    for (const std::string zone : {"grounds", "main_building", "plenary"}) {
        auto list = sam.get("/operations/evacuation?zone=" + zone + "&at=2014-04-01T11:00");
        REQUIRE(list);
        REQUIRE(list->status == 200);
        auto store = AuditStore::open_readonly(f.desk.dir() + "/audit.db");
        REQUIRE(store);
        auto inside = zone_occupancy(store.value(), zone, day_two(11));
        REQUIRE(inside);
        std::vector<std::string> expected;
        for (const Occupant& o : inside.value())
            expected.push_back(o.holder);
        CHECK(listed_holders(list->body) == expected);
        if (zone == "grounds") CHECK(expected.size() == 2);
    }
    // Before anyone came in, nobody is inside; an unknown zone or time is said, not guessed.
    auto early = sam.get("/operations/evacuation?zone=grounds&at=2014-04-01T08:00");
    REQUIRE(early);
    CHECK(listed_holders(early->body).empty());
    CHECK(sam.get("/operations/evacuation?zone=nowhere")->status == 400);
    CHECK(sam.get("/operations/evacuation?zone=grounds&at=soon")->status == 400);

    // Each view of the list is journalled.
    CHECK(test::sql_value(f.desk, "SELECT count(*) FROM operator_journal WHERE action = "
                                  "'view evacuation list' AND operator = 'sam'") == "4");
}

TEST_CASE("Web operations: no kiosk synced yet is said plainly", "[web][operations]") {
    auto ws = test::make_workspace();
    test::add_test_operator(ws.dir, "sam", OperatorRole::security, "pw-for-sam-123");
    test::WebFixture web(ws.dir, std::move(ws.key), kWebNow);
    test::WebBrowser sam(web, "sam", "pw-for-sam-123");
    for (const std::string path : {"/operations", "/operations/evacuation?zone=grounds"}) {
        auto page = sam.get(path);
        REQUIRE(page);
        CHECK(page->status == 200);
        CHECK(page->body.find("id=\"no-store\"") != std::string::npos);
    }
    auto feed = sam.get("/api/refusals");
    REQUIRE(feed);
    CHECK(feed->status == 200);
    CHECK(nlohmann::json::parse(feed->body)["store"] == false);
}

// Not run by ctest ([.]): writes a workspace with synced kiosks, refusals and operators to
// $ACCRED_WEB_DEMO_OUT, for looking at the pages by hand (docs/images/web-*.png were taken on it
// with `issuer web -w $ACCRED_WEB_DEMO_OUT/desk --no-tls`).
TEST_CASE("Web operations: a demo workspace for screenshots", "[.web-demo]") {
    const char* out = std::getenv("ACCRED_WEB_DEMO_OUT");
    REQUIRE(out != nullptr);
    DeskFleetFixture f;
    fill_fleet(f);
    const std::pair<const char*, std::int64_t> scans[] = {
        {"D003", day_two(8, 40)}, {"D001", day_two(8, 52)}, {"D004", day_two(9, 5)},
        {"D001", day_two(9, 20)}, {"D005", day_two(9, 31)}, {"D004", day_two(9, 45)}};
    for (const auto& [id, at] : scans)
        f.scan("main_gate", id, at);
    f.scan("press_door", "D001", day_two(10, 5));
    f.scan("plenary_door", "D005", day_two(10, 15));
    f.scan("press_door", "D004", day_two(10, 30));
    f.kiosk("hls_door");
    for (const char* gate : {"main_gate", "plenary_door", "press_door"})
        REQUIRE(f.sync(gate, DeskFleetFixture::request(f.rows(gate))).status == 200);
    for (const auto& [name, role] :
         {std::pair{"sam", OperatorRole::security}, std::pair{"ann", OperatorRole::auditor},
          std::pair{"sue", OperatorRole::supervisor}})
        test::add_test_operator(f.desk.dir(), name, role, std::string("pw-for-") + name + "-123");
    std::filesystem::copy(f.desk.dir(), std::string(out) + "/desk",
                          std::filesystem::copy_options::recursive);
}
