// A kiosk in the wrong hands (issue 16, item 1): rows pushed to the desk are taken as fact only
// after the checks the offline audit makes; the others are kept as evidence and never handed to
// another kiosk; withdrawing a kiosk takes back every presence change that came from it.
#include "desk_fleet_fixture.h"
#include "issuer/audit/audit_queries.h"
#include "issuer/fleet/fleet_registry.h"

#include <catch2/catch.hpp>

using namespace accred;
using accred::test::day_two;
using accred::test::DeskFleetFixture;

namespace {

std::vector<std::string> holders(const std::vector<EntryRecord>& rows) {
    std::vector<std::string> out;
    for (const auto& r : rows)
        out.push_back(r.holder.value_or("-") + (r.direction == Direction::exit ? " out" : " in"));
    return out;
}

void push(DeskFleetFixture& f, const std::string& gate) {
    const auto out = f.sync(gate, DeskFleetFixture::request(f.rows(gate)));
    REQUIRE(out.status == 200);
    CHECK(out.reply.acked_seq == f.rows(gate).size()); // refused or not, every row is held
}

// What the thief's copy of the kiosk software writes: a row made from a genuine one with change
// applied, chained and hashed by the kiosk's own log as any row is.
EntryRecord forge(DeskFleetFixture& f, const std::string& gate, const EntryRecord& genuine,
                  const std::function<void(EntryRecord&)>& change) {
    EntryRecord row = genuine;
    change(row);
    auto stored = f.kiosk(gate).log().append(row);
    REQUIRE(stored);
    return stored.value();
}

// The same person's identity and badge on a row made from another's.
void as_holder(DeskFleetFixture& f, EntryRecord& row, const std::string& id) {
    const EntryRecord theirs = f.scan("press_door", id, row.time - 3600); // only to read claims
    row.holder = theirs.holder;
    row.cti = theirs.cti;
    row.issue = theirs.issue;
    row.credential = theirs.credential;
}

std::map<std::uint64_t, std::string> refusals_of(DeskFleetFixture& f, const std::string& gate) {
    auto all = f.store.refused_rows();
    REQUIRE(all);
    std::map<std::uint64_t, std::string> out;
    for (const auto& [key, why] : all.value())
        if (key.first == f.kiosk_id(gate)) out[key.second] = why;
    return out;
}

} // namespace

TEST_CASE("Desk evidence: a stolen kiosk's rows are kept, flagged and never handed down",
          "[fleet][desk]") {
    DeskFleetFixture f;
    REQUIRE(f.scan("main_gate", "D002", day_two(9)).verdict == Verdict::granted);
    REQUIRE(f.scan("main_gate", "P001", day_two(9)).verdict == Verdict::granted);
    push(f, "main_gate");
    const EntryRecord exit = f.scan("main_gate_exit", "D005", day_two(10));
    REQUIRE(exit.direction == Direction::exit);
    REQUIRE(exit.admitted);

    const std::string stolen = "main_gate_exit";
    // Each wrong in one way, then one wrong in three ways at once, then a genuine exit.
    forge(f, stolen, exit, [&](EntryRecord& r) { // D002 "left", on a credential that is junk
        r.time = day_two(10, 5);
        r.holder = "D002";
        r.credential = "junk";
    });
    forge(f, stolen, exit, [&](EntryRecord& r) { // P001 "entered" through a way out
        r.time = day_two(10, 6);
        as_holder(f, r, "P001");
        r.direction = Direction::entry;
        r.verdict = Verdict::granted;
        r.reason = Reason::granted;
    });
    forge(f, stolen, exit, [&](EntryRecord& r) { // D004 "left" the plenary from the main gate
        r.time = day_two(10, 7);
        as_holder(f, r, "D004");
        r.zone = "plenary";
    });
    forge(f, stolen, exit, [&](EntryRecord& r) { // D003 "left" tomorrow
        r.time = DeskFleetFixture::kClockStart + 3 * 3600;
        as_holder(f, r, "D003");
    });
    forge(f, stolen, exit, [&](EntryRecord& r) { // all three at once
        r.time = DeskFleetFixture::kClockStart + 3 * 3600 + 1;
        r.holder = "D007";
        r.credential = "junk too";
        r.direction = Direction::entry;
        r.zone = "plenary";
    });
    const EntryRecord genuine = f.scan(stolen, "D006", DeskFleetFixture::kClockStart + 4 * 3600);
    REQUIRE(genuine.admitted);
    // (dated ahead too: the desk's clock is the judge, not the row's place in the chain)

    const auto out = f.sync(stolen, DeskFleetFixture::request(f.rows(stolen)));
    REQUIRE(out.status == 200);
    CHECK(out.reply.acked_seq == 7);
    const auto refused = refusals_of(f, stolen);
    REQUIRE(refused.size() == 6);
    CHECK_THAT(refused.at(2), Catch::Contains("does not verify"));
    CHECK_THAT(refused.at(3), Catch::Contains("records an entry at gate main_gate_exit"));
    CHECK_THAT(refused.at(4), Catch::Contains("zone plenary"));
    CHECK_THAT(refused.at(5), Catch::Contains("after the desk's clock"));
    CHECK_THAT(refused.at(6), Catch::Contains("does not verify")); // the first fault is named
    CHECK_THAT(refused.at(7), Catch::Contains("after the desk's clock"));
    bool said = false;
    for (const auto& note : out.notes)
        said = said || note.find("kept as evidence") != std::string::npos;
    CHECK(said);

    // The press door (inside the grounds) is handed the main gate's entries and the one genuine
    // exit the desk could date: nothing the thief wrote.
    const auto press = f.sync("press_door", DeskFleetFixture::request({}));
    REQUIRE(press.status == 200);
    CHECK(holders(press.reply.presence) ==
          std::vector<std::string>{"D002 in", "P001 in", "D005 out"});

    SECTION("the desk's evacuation list leaves them out too") {
        auto inside = zone_occupancy(f.store, "grounds", day_two(12));
        REQUIRE(inside);
        std::vector<std::string> who;
        for (const Occupant& o : inside.value()) who.push_back(o.holder);
        CHECK(who == std::vector<std::string>{"D002", "P001"}); // D002's junk exit is not one
    }
    SECTION("the rows are still there for the audit, and resending changes nothing") {
        auto held = f.store.kiosk_logs();
        REQUIRE(held);
        std::size_t rows = 0;
        for (const auto& log : held.value())
            if (log.kiosk_id == f.kiosk_id(stolen)) rows = log.rows.size();
        CHECK(rows == 7);
        const auto again = f.sync(stolen, DeskFleetFixture::request(f.rows(stolen)));
        CHECK(again.status == 200);
        CHECK(again.notes.empty());
        CHECK(refusals_of(f, stolen).size() == 6);
    }
}

TEST_CASE("Desk evidence: withdrawing a kiosk takes back every presence change it made",
          "[fleet][desk]") {
    DeskFleetFixture f;
    REQUIRE(f.scan("main_gate", "D002", day_two(9)).verdict == Verdict::granted);
    REQUIRE(f.scan("main_gate", "D003", day_two(9)).verdict == Verdict::granted);
    push(f, "main_gate");
    // The exit kiosk's rows chain and verify: a thief holding a genuine badge's text can do this.
    REQUIRE(f.scan("main_gate_exit", "D002", day_two(10)).admitted);
    push(f, "main_gate_exit");

    GateEngine& press = f.kiosk("press_door");
    const auto first = f.sync("press_door", DeskFleetFixture::request({}));
    REQUIRE(first.status == 200);
    CHECK(first.reply.presence_generation == 0);
    CHECK(holders(first.reply.presence) == std::vector<std::string>{"D002 in", "D003 in", "D002 out"});
    press.apply_peer_rows(first.reply.presence);
    const std::int64_t morning = day_two(4);
    CHECK_FALSE(press.presence().inside_since("D002", "grounds", morning));

    REQUIRE(withdraw_kiosk(f.desk.db(), f.kiosk_id("main_gate_exit"), DeskFleetFixture::kClockStart));
    auto request = DeskFleetFixture::request({});
    request.presence_after = first.reply.presence_cursor;
    request.presence_generation = first.reply.presence_generation;
    const auto after = f.sync("press_door", request);
    REQUIRE(after.status == 200);
    CHECK(after.reply.presence_generation == 1);
    // From the feed's start again, without the withdrawn kiosk's exit.
    CHECK(holders(after.reply.presence) == std::vector<std::string>{"D002 in", "D003 in"});
    REQUIRE(press.forget_peer_rows());
    press.apply_peer_rows(after.reply.presence);
    CHECK(press.presence().inside_since("D002", "grounds", morning));
    CHECK(press.presence().inside_since("D003", "grounds", morning));

    // In the new generation the cursor holds again; the withdrawn kiosk's rows never come back.
    request.presence_after = after.reply.presence_cursor;
    request.presence_generation = 1;
    REQUIRE(f.scan("main_gate", "D004", day_two(11)).verdict == Verdict::granted);
    push(f, "main_gate");
    const auto later = f.sync("press_door", request);
    CHECK(holders(later.reply.presence) == std::vector<std::string>{"D004 in"});
    // The withdrawn kiosk itself is refused.
    CHECK(f.sync("main_gate_exit", DeskFleetFixture::request({})).status == 403);
}
