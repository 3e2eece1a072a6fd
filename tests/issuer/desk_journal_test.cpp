// Withdrawn is withdrawn (issue 15): revoking for cause withdraws the accreditation, issuing
// leaves the person out until an explicit reinstatement, a lost badge (reissue) does not
// withdraw, and a desk.db of the previous version is upgraded in place.
#include "desk_workspace.h"

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

bool contains(const std::vector<std::string>& items, const std::string& item) {
    return std::find(items.begin(), items.end(), item) != items.end();
}

std::vector<std::string> everyone(Desk& desk) {
    auto ids = desk.person_ids();
    REQUIRE(ids);
    return ids.value();
}

std::int64_t count_rows(Desk& desk, const char* table) {
    return std::stoll(accred::test::sql_value(desk, std::string("SELECT count(*) FROM ") + table));
}

} // namespace

TEST_CASE("Revoking for cause withdraws the person until reinstated", "[desk][withdrawn]") {
    auto ws = make_workspace();
    REQUIRE(ws.desk.import_people(demo_roster(), kMorning));
    REQUIRE(issue_credentials(ws.desk, ws.key, everyone(ws.desk), kMorning, {}));
    const auto first = ws.desk.latest_credential("X001").value().value();

    auto revoked = revoke_for_cause(ws.desk, {"X001"}, "press card withdrawn", kMorning + 60, kBy);
    REQUIRE(revoked);
    CHECK(revoked->revoked == std::vector<std::string>{"X001"});
    CHECK(revoked->withdrawn == std::vector<std::string>{"X001"});
    auto w = ws.desk.withdrawal("X001");
    REQUIRE(w);
    REQUIRE(w.value());
    CHECK(w.value()->reason == "press card withdrawn");
    CHECK(w.value()->at == kMorning + 60);
    CHECK(w.value()->by == kBy);
    CHECK(withdrawn_notice(*w.value(), "not issued") ==
          "X001 is withdrawn (press card withdrawn, 2014-03-28T09:47:40Z): not issued; "
          "`issuer reinstate X001 --reason ...` to accredit again");

    // Issuing for everyone (issue --all) leaves X001 out and says so; nobody else is affected.
    auto again = issue_credentials(ws.desk, ws.key, everyone(ws.desk), kMorning + 120, {});
    REQUIRE(again);
    CHECK(again->issued.empty());
    REQUIRE(again->withdrawn.size() == 1);
    CHECK(again->withdrawn[0].holder == "X001");
    CHECK(again->already.size() == everyone(ws.desk).size() - 1);
    CHECK(ws.desk.latest_credential("X001").value()->issue == 1);
    // Named explicitly, the library still leaves them out (the command refuses first).
    auto named = issue_credentials(ws.desk, ws.key, {"X001"}, kMorning + 120, {});
    REQUIRE(named);
    CHECK(named->issued.empty());
    // A reissue is no way around the withdrawal.
    auto reissued = reissue_credential(ws.desk, ws.key, "X001", "lost badge", kMorning + 120);
    REQUIRE_FALSE(reissued);
    CHECK(reissued.error().message.find("X001 is withdrawn (press card withdrawn") == 0);
    // Revoking again adds no second withdrawal.
    auto twice = revoke_for_cause(ws.desk, {"X001"}, "again", kMorning + 130, kBy);
    REQUIRE(twice);
    CHECK(twice->revoked.empty());
    CHECK(twice->withdrawn.empty());
    CHECK(ws.desk.withdrawal("X001").value()->reason == "press card withdrawn");

    // Importing the roster again does not accredit them again.
    auto report = ws.desk.import_people(demo_roster(), kMorning + 180);
    REQUIRE(report);
    CHECK(ws.desk.withdrawal("X001").value());
    auto all = ws.desk.withdrawals();
    REQUIRE(all);
    CHECK(all->size() == 1);
    CHECK(all->count("X001") == 1);

    REQUIRE(ws.desk.reinstate("X001", "press card confirmed", kMorning + 240, "tester"));
    CHECK_FALSE(ws.desk.withdrawal("X001").value());
    CHECK_FALSE(ws.desk.reinstate("X001", "twice", kMorning + 250, "tester"));
    auto fresh = issue_credentials(ws.desk, ws.key, everyone(ws.desk), kMorning + 300, {});
    REQUIRE(fresh);
    CHECK(fresh->issued == std::vector<std::string>{"X001 (issue 2)"});
    CHECK(fresh->withdrawn.empty());
    // The credential revoked for cause stays revoked, on the list the gates get.
    auto list = ws.desk.revocation_list(9, kMorning + 300);
    REQUIRE(list);
    CHECK(list->is_revoked(first.cti));
    CHECK(list->is_superseded("X001", 1));

    auto history = ws.desk.accreditation_history("X001");
    REQUIRE(history);
    REQUIRE(history->size() == 2);
    CHECK(history->at(0).action == "withdrawn");
    CHECK(history->at(0).reason == "press card withdrawn");
    CHECK(history->at(0).by == kBy);
    CHECK(history->at(1).action == "reinstated");
    CHECK(history->at(1).reason == "press card confirmed");
    CHECK(history->at(1).at == kMorning + 240);
    // The journal is history: no row can be deleted or changed.
    CHECK_FALSE(ws.desk.db().exec("DELETE FROM accreditation_journal"));
    CHECK_FALSE(ws.desk.db().exec("UPDATE accreditation_journal SET action = 'reinstated'"));
    CHECK(count_rows(ws.desk, "accreditation_journal") == 2);
}

TEST_CASE("A lost badge is reissued without withdrawing the person", "[desk][withdrawn]") {
    auto ws = make_workspace();
    REQUIRE(ws.desk.import_people(demo_roster(), kMorning));
    REQUIRE(issue_credentials(ws.desk, ws.key, everyone(ws.desk), kMorning, {}));
    auto second = reissue_credential(ws.desk, ws.key, "M001", "lost badge", kMorning + 60);
    REQUIRE(second);
    CHECK(second->issue == 2);
    CHECK_FALSE(ws.desk.withdrawal("M001").value());
    auto again = issue_credentials(ws.desk, ws.key, everyone(ws.desk), kMorning + 120, {});
    REQUIRE(again);
    CHECK(again->issued.empty());
    CHECK(contains(again->already, "M001"));
    CHECK(again->withdrawn.empty());
    CHECK(count_rows(ws.desk, "accreditation_journal") == 0);
    // Reinstating someone who was never withdrawn is refused.
    auto refused = ws.desk.reinstate("M001", "no reason", kMorning + 180, "tester");
    REQUIRE_FALSE(refused);
    CHECK(refused.error().message == "M001 is not withdrawn; there is nothing to reinstate");
}

TEST_CASE("A desk.db of schema version 2 is upgraded in place, keeping everything",
          "[desk][withdrawn][upgrade]") {
    auto ws = make_workspace();
    REQUIRE(ws.desk.import_people(demo_roster(), kMorning));
    REQUIRE(issue_credentials(ws.desk, ws.key, everyone(ws.desk), kMorning, {}));
    REQUIRE(reissue_credential(ws.desk, ws.key, "M001", "lost badge", kMorning + 60));
    // What the previous issuer did on `issuer revoke`: the revocation alone.
    const auto x = ws.desk.latest_credential("X001").value().value();
    REQUIRE(ws.desk.revoke(x.cti, "press card withdrawn", kMorning + 90));
    // Back to the version 2 layout: no journal, no fleet tables, schema_version 2.
    REQUIRE(ws.desk.db().exec("DROP TABLE accreditation_journal; DROP TABLE fleet_certificates; "
                              "DROP TABLE fleet_withdrawn; DROP TABLE fleet_contact; "
                              "DROP TABLE fleet_forks; DROP TABLE fleet_revocation_updates; "
                              "UPDATE meta SET value = '2' WHERE key = 'schema_version'"));
    const auto credentials = count_rows(ws.desk, "credentials");
    const auto revocations = count_rows(ws.desk, "revocations");
    const auto people = count_rows(ws.desk, "people");
    const std::string dir = ws.dir;
    ws.desk.db().close();

    for (int pass = 0; pass < 2; ++pass) { // opening again changes nothing more
        auto desk = Desk::open(dir);
        REQUIRE(desk);
        CHECK(accred::test::sql_value(
                  desk.value(), "SELECT value FROM meta WHERE key = 'schema_version'") == "6");
        CHECK(count_rows(desk.value(), "fleet_contact") == 0); // version 4: the fleet's tables
        CHECK(count_rows(desk.value(), "credentials") == credentials);
        CHECK(count_rows(desk.value(), "revocations") == revocations);
        CHECK(count_rows(desk.value(), "people") == people);
        // Revoked for cause by the earlier issuer: withdrawn now. A reissue is not a cause.
        auto all = desk->withdrawals();
        REQUIRE(all);
        REQUIRE(all->size() == 1);
        const Withdrawal& w = all->at("X001");
        CHECK(w.reason == "press card withdrawn");
        CHECK(w.at == kMorning + 90);
        CHECK(w.by.find("desk.db upgrade") == 0);
        CHECK(count_rows(desk.value(), "accreditation_journal") == 1);
    }
}
