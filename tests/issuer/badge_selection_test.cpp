// Badge selection (issuer/badge_selection.h), the one the `issuer badges` command and the web
// desk share: on a real workspace with the demo roster, who gets a badge, who is left out and why.
#include "desk_workspace.h"
#include "issuer/badge_selection.h"
#include "issuer/desk.h"
#include "issuer/issuance.h"

#include <algorithm>
#include <catch2/catch.hpp>

using namespace accred;
using accred::test::demo_roster;
using accred::test::make_workspace;

namespace {

constexpr std::uint64_t kMorning = 1396000000; // 2014-03-28T09:46:40Z
constexpr const char* kBy = "tester via issuer revoke";

std::vector<std::string> holders(const BadgeSelection& s) {
    std::vector<std::string> out;
    for (const BadgeContent& b : s.badges)
        out.push_back(b.holder_id);
    return out;
}

} // namespace

TEST_CASE("Badge days read as a range with the year once", "[badge][selection]") {
    CHECK(badge_days_text({}).empty());
    CHECK(badge_days_text({{2014, 4, 1}}) == "1 April 2014");
    CHECK(badge_days_text({{2014, 3, 31}, {2014, 4, 1}}) == "31 March - 1 April 2014");
    CHECK(badge_days_text({{2014, 3, 30}, {2014, 3, 31}}) == "30 March - 31 March 2014");
    CHECK(badge_days_text({{2013, 12, 31}, {2014, 1, 1}}) == "31 December 2013 - 1 January 2014");
}

TEST_CASE("Selecting badges: withdrawn left out with a notice, revoked-only missing",
          "[badge][selection]") {
    auto ws = make_workspace();
    REQUIRE(ws.desk.import_people(demo_roster(), kMorning));
    const std::vector<std::string> everyone = ws.desk.person_ids().value();
    REQUIRE(issue_credentials(ws.desk, ws.key, everyone, kMorning, {}));
    // X001 is revoked for cause and so withdrawn; M001 too, then reinstated: accredited again,
    // but their only badge is revoked until the next issue.
    REQUIRE(
        revoke_for_cause(ws.desk, {"X001", "M001"}, "press card withdrawn", kMorning + 60, kBy));
    REQUIRE(ws.desk.reinstate("M001", "card confirmed", kMorning + 120, "tester"));

    auto all = select_badges(ws.desk, {});
    REQUIRE(all);
    CHECK(all->badges.size() == everyone.size() - 2);
    CHECK(all->missing == std::vector<std::string>{"M001"});
    REQUIRE(all->withdrawn.size() == 1);
    CHECK(all->withdrawn[0] ==
          withdrawn_notice(ws.desk.withdrawal("X001").value().value(), "no badge printed"));
    CHECK(all->withdrawn[0].rfind("X001 is withdrawn (press card withdrawn, ", 0) == 0);
    const auto ids = holders(all.value());
    CHECK(std::find(ids.begin(), ids.end(), "X001") == ids.end());
    CHECK(std::find(ids.begin(), ids.end(), "M001") == ids.end());

    // Asked by name: in the order asked, each badge filled from desk.db.
    auto asked = select_badges(ws.desk, {"P002", "X001", "M001", "P001"});
    REQUIRE(asked);
    CHECK(holders(asked.value()) == std::vector<std::string>{"P002", "P001"});
    CHECK(asked->missing == std::vector<std::string>{"M001"});
    CHECK(asked->withdrawn.size() == 1);
    const BadgeContent& p002 = asked->badges[0];
    const Person person = ws.desk.person("P002").value().value();
    const StoredCredential credential = ws.desk.latest_credential("P002").value().value();
    CHECK(p002.name == "Thorbjørn Jagland");
    CHECK(p002.delegation == "Council of Europe");
    CHECK(p002.days == "31 March - 1 April 2014");
    CHECK(p002.event_name == ws.desk.event().name);
    CHECK(p002.category_name == ws.desk.event().find_category("principal")->name);
    CHECK(p002.colour == ws.desk.event().find_category("principal")->colour);
    CHECK(p002.photo_png == person.photo);
    CHECK(p002.credential == credential.text);
    CHECK(p002.issue == 1);
}

TEST_CASE("Selecting a badge for someone not on the roster is an error", "[badge][selection]") {
    auto ws = make_workspace();
    REQUIRE(ws.desk.import_people(demo_roster(), kMorning));
    auto s = select_badges(ws.desk, {"P001", "NOBODY"});
    REQUIRE_FALSE(s);
    CHECK(s.error().message == "no person with id NOBODY on the roster");
}
