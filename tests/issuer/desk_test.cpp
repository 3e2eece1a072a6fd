// The desk's workflow on a real workspace: import, issue, reissue, revoke, export.
#include "bundle/bundle_reader.h"
#include "issuer/bundle_export.h"
#include "crypto/credential.h"
#include "crypto/file_io.h"
#include "event/event_window.h"
#include "issuer/desk.h"
#include "issuer/issuance.h"
#include "desk_workspace.h"

#include <catch2/catch.hpp>

using namespace accred;
using accred::test::demo_roster;
using accred::test::make_workspace;

namespace {

constexpr std::uint64_t kMorning = 1396000000; // 2014-03-28

} // namespace

TEST_CASE("The desk issues a verifiable credential for everyone on the demo roster", "[desk]") {
    auto ws = make_workspace();
    const auto roster = demo_roster();
    auto report = ws.desk.import_people(roster, kMorning);
    REQUIRE(report);
    CHECK(report->added.size() == roster.size());

    auto result = issue_credentials(ws.desk, ws.key, ws.desk.person_ids().value(), kMorning, {});
    REQUIRE(result);
    CHECK(result->issued.size() == roster.size());

    TrustStore trust;
    trust.add(ws.desk.event_public_key());
    auto credentials = ws.desk.credentials();
    REQUIRE(credentials);
    REQUIRE(credentials->size() == roster.size());
    std::size_t longest = 0;
    for (const auto& c : credentials.value()) {
        const Verification v = verify_credential(c.text, trust, {"gp14", std::nullopt});
        CAPTURE(c.holder);
        REQUIRE(v.ok());
        CHECK(v.claims().sub == c.holder);
        longest = std::max(longest, c.text.size());
    }
    CHECK(longest <= 300);

    // The UN Secretary-General attends day two only: valid from 1 April 00:00 Brussels
    // (31 March 22:00 UTC, summer time) to 2 April 00:00 Brussels.
    auto ban = ws.desk.latest_credential("P001");
    REQUIRE(ban);
    REQUIRE(ban.value());
    const Verification v = verify_credential(ban.value()->text, trust);
    REQUIRE(v.ok());
    CHECK(v.claims().nbf == 1396303200);
    CHECK(v.claims().exp == 1396389600);
    CHECK(v.claims().rank == ws.desk.event().find_category("principal")->rank);

    // Issuing again changes nothing.
    auto again = issue_credentials(ws.desk, ws.key, ws.desk.person_ids().value(), kMorning, {});
    REQUIRE(again);
    CHECK(again->issued.empty());
    CHECK(again->already.size() == roster.size());
}

TEST_CASE("Reissue raises the issue number and revokes the old badge", "[desk]") {
    auto ws = make_workspace();
    REQUIRE(ws.desk.import_people(demo_roster(), kMorning));
    REQUIRE(issue_credentials(ws.desk, ws.key, {"M001"}, kMorning, {}));
    auto first = ws.desk.latest_credential("M001").value().value();
    auto second = reissue_credential(ws.desk, ws.key, "M001", "lost badge", kMorning + 60);
    REQUIRE(second);
    CHECK(second->issue == 2);
    CHECK(second->cti != first.cti);
    auto old = ws.desk.credential_by_cti(first.cti).value().value();
    REQUIRE(old.revoked_reason);

    auto list = ws.desk.revocation_list(5, kMorning + 120);
    REQUIRE(list);
    CHECK(list->is_revoked(first.cti));
    CHECK_FALSE(list->is_revoked(second->cti));
    CHECK(list->is_superseded("M001", 1));
    CHECK_FALSE(list->is_superseded("M001", 2));
    CHECK_FALSE(reissue_credential(ws.desk, ws.key, "P001", "never issued", kMorning));
}

TEST_CASE("Re-importing reports what changed; a bad roster changes nothing", "[desk]") {
    auto ws = make_workspace();
    auto roster = demo_roster();
    REQUIRE(ws.desk.import_people(roster, kMorning));
    roster[0].name = "Renamed Person";
    roster[1].zones.push_back("bilateral");
    auto report = ws.desk.import_people(roster, kMorning + 10);
    REQUIRE(report);
    REQUIRE(report->changed.size() == 2);
    CHECK(report->changed[0] == roster[0].id + ": name");
    CHECK(report->unchanged.size() == roster.size() - 2);
    CHECK(ws.desk.person(roster[0].id).value()->name == "Renamed Person");
}

TEST_CASE("The exported bundle verifies and carries the desk's state", "[desk][bundle]") {
    auto ws = make_workspace();
    REQUIRE(ws.desk.import_people(demo_roster(), kMorning));
    REQUIRE(issue_credentials(ws.desk, ws.key, ws.desk.person_ids().value(), kMorning, {}));
    REQUIRE(reissue_credential(ws.desk, ws.key, "D001", "lost", kMorning));
    auto v1 = ws.desk.next_export_version();
    REQUIRE(v1);
    auto file = export_bundle_bytes(ws.desk, ws.key, {kMorning, std::nullopt});
    REQUIRE(file);
    auto back = read_bundle(file.value(), ws.desk.event_public_key());
    REQUIRE(back);
    const KioskBundle& b = back->manifest.bundle;
    CHECK(b.version == v1.value() + 1);
    CHECK(b.revocations.revoked.size() == 1);
    CHECK(b.revocations.current_issue.at("D001") == 2);
    CHECK(back->roster.size() == ws.desk.person_ids().value().size());
    CHECK(back->manifest.roster.people == back->roster.size());
    CHECK(b.event == ws.desk.event());
}
