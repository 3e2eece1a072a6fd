// The desk's workflow on a real workspace: import, issue, reissue, revoke, export.
#include "bundle/bundle_reader.h"
#include "crypto/base45.h"
#include "crypto/cose_sign1.h"
#include "event/kiosk_event.h"
#include "issuer/bundle_export.h"
#include "crypto/credential.h"
#include "crypto/file_io.h"
#include "event/event_window.h"
#include "issuer/desk.h"
#include "issuer/issuance.h"
#include "desk_workspace.h"

#include <algorithm>
#include <catch2/catch.hpp>

using namespace accred;
using accred::test::demo_roster;
using accred::test::make_workspace;

namespace {

constexpr std::uint64_t kMorning = 1396000000; // 2014-03-28

// A person of the demo roster (Ban Ki-moon: no escort, no zones) in another delegation.
Person member_of(const std::string& id, const std::string& delegation) {
    Person p = demo_roster().front();
    p.id = id;
    p.delegation = delegation;
    return p;
}

// The claims payload (CBOR) of holder's newest badge, read from its stored AC1 text.
std::vector<std::uint8_t> badge_payload(Desk& desk, const std::string& holder) {
    const auto badge = desk.latest_credential(holder).value().value();
    const auto cose = cose_sign1_decode(base45_decode(badge.text.substr(4)).value());
    REQUIRE(cose);
    return cose->payload;
}

bool contains(const std::vector<std::uint8_t>& bytes, const std::vector<std::uint8_t>& part) {
    return std::search(bytes.begin(), bytes.end(), part.begin(), part.end()) != bytes.end();
}

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
    CHECK(b.event == event_for_kiosks(ws.desk.event()));
}

TEST_CASE("The 301st delegation gets code 300, and its badges carry the code",
          "[desk][delegations]") {
    auto ws = make_workspace();
    std::vector<Person> people;
    for (int i = 0; i < 301; ++i)
        people.push_back(
            member_of("S" + std::to_string(1000 + i), "Delegation " + std::to_string(i)));
    REQUIRE(ws.desk.import_people(people, kMorning));
    const auto codes = ws.desk.delegations();
    REQUIRE(codes);
    REQUIRE(codes->size() == 301);
    CHECK(codes->at(255) == "Delegation 255");
    CHECK(codes->at(256) == "Delegation 256");
    CHECK(codes->at(300) == "Delegation 300");
    CHECK(ws.desk.delegation_code("Delegation 300").value() == 300u); // assigned once

    REQUIRE(issue_credentials(ws.desk, ws.key, {"S1255", "S1300"}, kMorning, {}));
    // The signed bytes: org (key 2) is 18 FF for code 255, as ever, and 19 012C for code 300,
    // followed by the category (key 3).
    CHECK(contains(badge_payload(ws.desk, "S1255"), {0x02, 0x18, 0xff, 0x03}));
    CHECK(contains(badge_payload(ws.desk, "S1300"), {0x02, 0x19, 0x01, 0x2c, 0x03}));
    TrustStore trust;
    trust.add(ws.desk.event_public_key());
    const Verification v = verify_credential(
        ws.desk.latest_credential("S1300").value().value().text, trust, {"gp14", std::nullopt});
    REQUIRE(v.ok());
    REQUIRE(v.claims().org);
    CHECK(v.claims().org->code == 300u);
    CHECK(v.claims().org->name.empty());
}

TEST_CASE("Past code 65535 the desk assigns no code and the badge spells the name",
          "[desk][delegations]") {
    auto ws = make_workspace();
    REQUIRE(ws.desk.db().exec("INSERT INTO delegations(code, name) VALUES (65534, 'Penultimate')"));
    CHECK(ws.desk.delegation_code("Ultimate").value() == 65535u);
    CHECK(ws.desk.delegation_code("One too many").value() == std::nullopt);
    CHECK(ws.desk.delegations()->size() == 2); // no row for it either
    CHECK_FALSE(ws.desk.db().exec("INSERT INTO delegations(code, name) VALUES (65536, 'x')"));

    REQUIRE(ws.desk.import_people({member_of("L1", "Ultimate"), member_of("L2", "One too many")},
                                  kMorning));
    REQUIRE(issue_credentials(ws.desk, ws.key, {"L1", "L2"}, kMorning, {}));
    TrustStore trust;
    trust.add(ws.desk.event_public_key());
    const auto claims_of = [&](const std::string& holder) {
        const Verification v =
            verify_credential(ws.desk.latest_credential(holder).value().value().text, trust);
        REQUIRE(v.ok());
        REQUIRE(v.claims().org);
        return v.claims().org.value();
    };
    CHECK(claims_of("L1") == Organisation{65535, {}});
    CHECK(claims_of("L2") == Organisation{std::nullopt, "One too many"});
    CHECK(contains(badge_payload(ws.desk, "L1"), {0x02, 0x19, 0xff, 0xff, 0x03}));
}

TEST_CASE("A desk.db of schema version 4 is upgraded: delegation codes kept, codes past 255 taken",
          "[desk][delegations][upgrade]") {
    auto ws = make_workspace();
    REQUIRE(ws.desk.import_people(demo_roster(), kMorning));
    REQUIRE(ws.desk.db().exec("INSERT INTO delegations(code, name) VALUES (255, 'Last one-byte')"));
    const auto before = ws.desk.delegations().value();
    // Back to the version 4 layout: the delegations table as versions 1 to 4 made it.
    REQUIRE(ws.desk.db().exec(
        "ALTER TABLE delegations RENAME TO delegations_now;"
        "CREATE TABLE delegations(code INTEGER PRIMARY KEY CHECK(code BETWEEN 0 AND 255),"
        "  name TEXT NOT NULL UNIQUE) STRICT;"
        "INSERT INTO delegations SELECT code, name FROM delegations_now;"
        "DROP TABLE delegations_now;"
        "UPDATE meta SET value = '4' WHERE key = 'schema_version'"));
    CHECK_FALSE(ws.desk.db().exec("INSERT INTO delegations(code, name) VALUES (256, 'x')"));
    const std::string dir = ws.dir;
    ws.desk.db().close();

    for (int pass = 0; pass < 2; ++pass) { // opening again changes nothing more
        auto desk = Desk::open(dir);
        REQUIRE(desk);
        CHECK(accred::test::sql_value(
                  desk.value(), "SELECT value FROM meta WHERE key = 'schema_version'") == "6");
        CHECK(accred::test::sql_value(desk.value(),
                                      "SELECT count(*) FROM sqlite_schema WHERE "
                                      "name = 'delegations' AND sql LIKE '%65535%'") == "1");
        auto after = desk->delegations();
        REQUIRE(after);
        if (pass == 0) CHECK(after.value() == before);
        CHECK(desk->delegation_code("First two-byte").value() == 256u);
    }
}
