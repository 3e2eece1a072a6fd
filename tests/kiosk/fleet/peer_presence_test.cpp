// Other kiosks' rows from the desk applied to presence: a badge admitted at the main gate is
// inside the grounds for the side gate's kiosk too, so the same badge there is a passback
// denial; the rows never enter the side gate's own log, and its own rows are not applied twice.
#include "kiosk/fleet/fleet_fixture.h"

#include <catch2/catch.hpp>

using namespace accred;
using namespace accred::test;

namespace {

Reported scan(GateFixture& f, const std::string& gate, const std::string& id, std::int64_t when) {
    return f.kiosk(gate).handle_scan(GateFixture::through_camera(f.credential(id)), when);
}

} // namespace

TEST_CASE("A peer's admitted entry makes the same badge a passback denial at this gate",
          "[fleet][kiosk]") {
    auto f = make_fleet_fixture();
    GateEngine& main = f->kiosk("main_gate");
    GateEngine& side = f->kiosk("side_gate");

    const Reported at_main = scan(*f, "main_gate", "D002", kDayOne);
    REQUIRE(at_main.row);
    REQUIRE(at_main.decision.reason == Reason::granted);
    const Reported other = scan(*f, "main_gate", "D005", kDayOne + 5);
    REQUIRE(other.row);
    const std::uint64_t side_head = side.log().head_seq();

    // What the desk hands down: the main gate's rows (one admitted, one not sent).
    CHECK(side.apply_peer_rows(std::vector<EntryRecord>{*at_main.row}) == 1);
    CHECK(side.log().head_seq() == side_head); // never written into this kiosk's log
    CHECK(side.presence().inside_since("D002", "grounds", 0) == kDayOne);
    CHECK(side.presence().occupancy("grounds", 0) == 1);

    const Reported again = scan(*f, "side_gate", "D002", kDayOne + 60);
    CHECK(again.decision.reason == Reason::already_inside);
    CHECK_FALSE(again.decision.admitted);
    // A badge whose row the side gate never received is admitted as before.
    const Reported fresh = scan(*f, "side_gate", "D005", kDayOne + 70);
    CHECK(fresh.decision.reason == Reason::granted);
    // The main gate learned nothing by itself: it has its own rows only.
    CHECK(main.presence().occupancy("grounds", 0) == 2);
}

TEST_CASE("A peer's exit lets the badge in again; this kiosk's own rows are skipped",
          "[fleet][kiosk]") {
    auto f = make_fleet_fixture();
    GateEngine& side = f->kiosk("side_gate");
    const Reported in = scan(*f, "main_gate", "D002", kDayOne);
    REQUIRE(in.row);
    const Reported out = scan(*f, "main_gate_exit", "D002", kDayOne + 600);
    REQUIRE(out.row);
    REQUIRE(out.decision.reason == Reason::exit_recorded);
    // Oldest first, as the desk hands them down: in, then out.
    CHECK(side.apply_peer_rows(std::vector<EntryRecord>{*in.row, *out.row}) == 2);
    CHECK_FALSE(side.presence().inside_since("D002", "grounds", 0));
    CHECK(scan(*f, "side_gate", "D002", kDayOne + 700).decision.reason == Reason::granted);

    // The side gate's own row coming back from the desk changes nothing (it is already applied
    // from its own log); an exit of its own would otherwise be counted twice.
    auto own = side.log().rows();
    REQUIRE(own);
    REQUIRE_FALSE(own->empty());
    CHECK(side.apply_peer_rows(own.value()) == 0);
    CHECK(side.presence().occupancy("grounds", 0) == 1);
}

TEST_CASE("Peer rows older than what this kiosk knows are not applied (replay after a restart)",
          "[fleet][kiosk]") {
    auto f = make_fleet_fixture();
    // D002 enters at the main gate at 09:00 and leaves through... the side gate's kiosk knows
    // nothing of the main gate yet; it admits D005 at 09:00 and records nothing else.
    const Reported in = scan(*f, "main_gate", "D002", kDayOne);
    REQUIRE(in.row);
    const Reported out = scan(*f, "main_gate_exit", "D002", kDayOne + 3 * 3600);
    REQUIRE(out.row);

    SECTION("an exit known here is not undone by an older entry arriving after it") {
        GateEngine& side = f->kiosk("side_gate");
        CHECK(side.apply_peer_rows(std::vector<EntryRecord>{*out.row}) == 1);
        CHECK(side.apply_peer_rows(std::vector<EntryRecord>{*in.row}) == 0); // 09:00 < 12:00
        CHECK_FALSE(side.presence().inside_since("D002", "grounds", 0));
        CHECK(scan(*f, "side_gate", "D002", kDayOne + 4 * 3600).decision.reason == Reason::granted);
    }
    SECTION("this kiosk's own later entry is not undone by an older peer exit after a restart") {
        // D002 comes back in through the side gate at 13:00; the side gate restarts, rebuilds
        // presence from its own log, and the desk replays the main gate's rows from the start.
        CHECK(scan(*f, "side_gate", "D002", kDayOne + 4 * 3600).decision.reason == Reason::granted);
        GateEngine& side = f->restart("side_gate");
        CHECK(side.apply_peer_rows(std::vector<EntryRecord>{*in.row, *out.row}) == 0);
        CHECK(side.presence().inside_since("D002", "grounds", 0) == kDayOne + 4 * 3600);
        CHECK(scan(*f, "side_gate", "D002", kDayOne + 5 * 3600).decision.reason ==
              Reason::already_inside);
    }
}
