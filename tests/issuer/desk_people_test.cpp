// The desk's people one at a time (walk-ins), their summaries and a person's badge history.
#include "desk_workspace.h"
#include "issuer/badge_standing.h"
#include "issuer/issuance.h"

#include <catch2/catch.hpp>
#include <latch>
#include <optional>
#include <thread>

using namespace accred;
using accred::test::demo_roster;
using accred::test::make_workspace;

namespace {

constexpr std::uint64_t kMorning = 1396000000; // 2014-03-28

// A new person (Ban Ki-moon's record: no escort, no zones) under id, in delegation.
Person walk_in(const std::string& id, const std::string& name, const std::string& delegation) {
    Person p = demo_roster().front();
    p.id = id;
    p.name = name;
    p.delegation = delegation;
    return p;
}

} // namespace

TEST_CASE("A walk-in is added as an import adds a new person, never over someone", "[desk]") {
    auto ws = make_workspace();
    const Person w = walk_in("W001", "Walk In", "Walk-in Delegation");
    REQUIRE(ws.desk.add_new_person(w, kMorning));
    CHECK(ws.desk.person("W001").value() == w);
    // The delegation has its code, as after an import.
    const auto codes = ws.desk.delegations().value();
    CHECK(std::any_of(codes.begin(), codes.end(),
                      [](const auto& c) { return c.second == "Walk-in Delegation"; }));

    Person again = w;
    again.name = "Someone Else";
    auto refused = ws.desk.add_new_person(again, kMorning + 60);
    REQUIRE_FALSE(refused);
    CHECK(refused.error().message == "W001 is already on the roster");
    CHECK(ws.desk.person("W001").value()->name == "Walk In");
    CHECK(accred::test::sql_value(ws.desk, "SELECT updated_at FROM people WHERE id = ?1",
                                  {"W001"}) == std::to_string(kMorning));

    // A walk-in is issued like anyone else.
    auto issued = issue_credentials(ws.desk, ws.key, {"W001"}, kMorning, {});
    REQUIRE(issued);
    CHECK(issued->issued.size() == 1);
}

TEST_CASE("Two desks adding the same new id at once: exactly one does", "[desk]") {
    auto ws = make_workspace();
    constexpr int kDesks = 2;
    std::latch start(kDesks);
    std::vector<std::optional<Status>> results(kDesks);
    std::vector<Person> entrants; // made here: Catch2's assertions are for the main thread only
    for (int i = 0; i < kDesks; ++i)
        entrants.push_back(walk_in("W777", "Desk " + std::to_string(i), ""));
    std::vector<std::thread> threads;
    for (int i = 0; i < kDesks; ++i)
        threads.emplace_back([&, i] {
            auto desk = Desk::open(ws.dir); // each its own connection, as two processes
            start.arrive_and_wait();
            if (!desk) {
                results[i] = desk.error();
                return;
            }
            results[i] =
                desk->add_new_person(walk_in("W777", "Desk " + std::to_string(i), ""), kMorning);
        });
    for (auto& t : threads)
        t.join();
    int won = -1, lost = 0;
    for (int i = 0; i < kDesks; ++i) {
        REQUIRE(results[i].has_value());
        if (results[i]->ok()) {
            won = i;
        } else {
            ++lost;
            CHECK(results[i]->error().message == "W777 is already on the roster");
        }
    }
    REQUIRE(won >= 0);
    CHECK(lost == kDesks - 1);
    CHECK(ws.desk.person("W777").value()->name == "Desk " + std::to_string(won));
}

TEST_CASE("People's summaries are everyone, by id, without photos", "[desk]") {
    auto ws = make_workspace();
    const auto roster = demo_roster();
    REQUIRE(ws.desk.import_people(roster, kMorning));
    auto summaries = ws.desk.people_summaries();
    REQUIRE(summaries);
    REQUIRE(summaries->size() == roster.size());
    CHECK(std::is_sorted(summaries->begin(), summaries->end(),
                         [](const auto& a, const auto& b) { return a.id < b.id; }));
    for (const auto& s : *summaries) {
        const auto p = ws.desk.person(s.id).value();
        REQUIRE(p);
        CHECK(s == PersonSummary{p->id, p->name, p->delegation, p->category});
    }
}

TEST_CASE("A person's credentials are every issue, oldest first, with why each was revoked",
          "[desk]") {
    auto ws = make_workspace();
    REQUIRE(ws.desk.import_people(demo_roster(), kMorning));
    const std::string id = demo_roster().front().id;
    CHECK(ws.desk.credentials_of(id).value().empty());
    CHECK(ws.desk.credentials_of("NOBODY").value().empty());
    REQUIRE(issue_credentials(ws.desk, ws.key, {id}, kMorning, {}));
    REQUIRE(reissue_credential(ws.desk, ws.key, id, "lost badge", kMorning + 3600));
    REQUIRE(revoke_for_cause(ws.desk, {id}, "press card withdrawn", kMorning + 7200, "test"));
    auto history = ws.desk.credentials_of(id);
    REQUIRE(history);
    REQUIRE(history->size() == 2);
    CHECK(history->at(0).issue == 1);
    CHECK(history->at(0).issued_at == kMorning);
    REQUIRE(history->at(0).revoked_reason);
    CHECK_THAT(*history->at(0).revoked_reason, Catch::Contains("superseded by reissue"));
    CHECK(history->at(1).issue == 2);
    CHECK(history->at(1).revoked_reason == "press card withdrawn");
    CHECK(history->at(1).text == ws.desk.latest_credential(id).value()->text);
    for (const auto& c : *history)
        CHECK(c.holder == id);
}

TEST_CASE("Everyone's records come without their photos, each otherwise as person() reads it",
          "[desk]") {
    auto ws = make_workspace();
    REQUIRE(ws.desk.import_people(demo_roster(), kMorning));
    const auto all = ws.desk.people_without_photos();
    REQUIRE(all);
    REQUIRE(all->size() == demo_roster().size());
    std::size_t with_photo = 0;
    for (const Person& p : all.value()) {
        const auto stored = ws.desk.person(p.id).value();
        REQUIRE(stored);
        with_photo += !stored->photo.empty();
        CHECK(p.photo.empty());
        Person without = *stored;
        without.photo.clear();
        CHECK(p == without);
    }
    CHECK(with_photo == all->size()); // the photos are there, only not read
    CHECK(std::is_sorted(all->begin(), all->end(),
                         [](const Person& a, const Person& b) { return a.id < b.id; }));
}

TEST_CASE("Many stored badges are verified in parallel, in order, the first bad one named",
          "[desk]") {
    auto ws = make_workspace();
    REQUIRE(ws.desk.import_people(demo_roster(), kMorning));
    std::vector<std::string> ids;
    for (const Person& p : demo_roster())
        ids.push_back(p.id);
    REQUIRE(issue_credentials(ws.desk, ws.key, ids, kMorning, {}));
    const auto stored = ws.desk.credentials().value();
    REQUIRE(stored.size() == ids.size());
    // Fifteen rounds of every badge: over a thousand, enough for one thread per processor.
    std::vector<const StoredCredential*> badges;
    for (int round = 0; round < 15; ++round)
        for (const auto& c : stored)
            badges.push_back(&c);
    const auto all = stored_claims_of(ws.desk, badges);
    REQUIRE(all);
    REQUIRE(all->size() == badges.size());
    for (std::size_t i = 0; i < badges.size(); ++i)
        REQUIRE((*all)[i] == stored_claims(ws.desk, *badges[i]).value());

    // Two badges altered in desk.db: the error names the earlier one, whichever thread met it.
    StoredCredential late = stored[3], early = stored[5];
    late.text.back() = late.text.back() == '0' ? '1' : '0';
    early.text.back() = early.text.back() == '0' ? '1' : '0';
    badges[900] = &late;
    badges[700] = &early;
    const auto refused = stored_claims_of(ws.desk, badges);
    REQUIRE_FALSE(refused);
    CHECK(refused.error().message.starts_with(early.holder + " issue 1: the stored badge"));
}
