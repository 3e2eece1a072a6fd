// The facts beside each refusal (DecisionFacts), from the real engine on the demo event: what the
// screen will put in words for the guard.
#include "kiosk/gate_fixture.h"

#include <catch2/catch.hpp>

using namespace accred;
using accred::test::brussels;
using accred::test::GateFixture;

namespace {

const std::int64_t kBundleTime = brussels(28, 3, 9) + 3600;

Decision scan(GateFixture& f, const std::string& gate, const std::string& id, std::int64_t when) {
    const Reported r = f.kiosk(gate).handle_scan(f.credential(id), when);
    CAPTURE(r.decision.detail);
    return r.decision;
}

} // namespace

TEST_CASE("A badge's dates, the current issue and the stale data's age are facts",
          "[decision][facts]") {
    CredentialId revoked{};
    std::copy_n("D003", 4, revoked.begin());
    GateFixture f(kBundleTime, [&](KioskBundle& b) {
        b.revocations.revoked = {revoked};
        b.revocations.current_issue = {{"D003", 3}, {"D004", 2}};
    });
    // P001 comes on 1 April only: valid from that day's midnight, Brussels time.
    const Decision early = scan(f, "main_gate", "P001", brussels(31, 3, 9));
    CHECK(early.reason == Reason::not_yet_valid);
    CHECK(early.facts.valid_from == brussels(1, 4, 0));
    CHECK_FALSE(early.facts.valid_until);
    // S001 came on 31 March only: the last valid second is that day's 23:59:59.
    const Decision late = scan(f, "main_gate", "S001", brussels(1, 4, 9));
    CHECK(late.reason == Reason::expired);
    CHECK(late.facts.valid_until == brussels(1, 4, 0) - 1);
    // Revoked because reissued: the list names issue 3; superseded by issue 2.
    const Decision revoked_badge = scan(f, "main_gate", "D003", brussels(1, 4, 9));
    CHECK(revoked_badge.reason == Reason::revoked);
    CHECK(revoked_badge.facts.current_issue == 3u);
    CHECK(revoked_badge.facts.scanned_issue == 1u);
    const Decision replaced = scan(f, "main_gate", "D004", brussels(1, 4, 9));
    CHECK(replaced.reason == Reason::superseded);
    CHECK(replaced.facts.current_issue == 2u);
    // A good badge carries no facts.
    const Decision good = scan(f, "main_gate", "D002", brussels(1, 4, 9));
    CHECK(good.reason == Reason::granted);
    CHECK_FALSE(good.facts.valid_from);
    CHECK_FALSE(good.facts.current_issue);
    CHECK_FALSE(good.facts.revocations_age_s);
    // Revocation data 14 hours old.
    f.kiosk("building_door").state().revocations.max_age_minutes = 720;
    f.kiosk("building_door").state().revocations.issued_at =
        static_cast<std::uint64_t>(brussels(1, 4, 9) - 14 * 3600);
    const Decision stale = scan(f, "building_door", "M002", brussels(1, 4, 9));
    CHECK(stale.reason == Reason::stale_revocations);
    CHECK(stale.facts.revocations_age_s == 14 * 3600);
}

TEST_CASE("A revoked badge without a newer issue names none", "[decision][facts]") {
    CredentialId revoked{};
    std::copy_n("D003", 4, revoked.begin());
    GateFixture f(kBundleTime, [&](KioskBundle& b) { b.revocations.revoked = {revoked}; });
    const Decision d = scan(f, "main_gate", "D003", brussels(31, 3, 9));
    CHECK(d.reason == Reason::revoked);
    CHECK_FALSE(d.facts.current_issue);
}

TEST_CASE("The wait, the principal and the next opening are facts", "[decision][facts]") {
    GateFixture f(kBundleTime);
    // Timed anti-passback at the plenary door (10 minutes): three minutes after, seven to go.
    CHECK(scan(f, "plenary_door", "D002", brussels(31, 3, 10)).admitted);
    const Decision again = scan(f, "plenary_door", "D002", brussels(31, 3, 10, 3));
    CHECK(again.reason == Reason::already_inside);
    CHECK(again.facts.reentry_in_s == 7 * 60);
    // K003 protects P002, who is not inside the plenary.
    const Decision escort = scan(f, "plenary_door", "K003", brussels(31, 3, 11));
    CHECK(escort.reason == Reason::escort_without_principal);
    CHECK(escort.facts.principal == std::string("P002"));
    // The High Level room opens on 1 April at 14:00 only.
    const Decision closed = scan(f, "hls_door", "M001", brussels(31, 3, 9));
    CHECK(closed.reason == Reason::zone_closed);
    CHECK(closed.facts.zone_opens_at == brussels(1, 4, 14));
    CHECK_FALSE(closed.facts.zone_never_reopens);
    const Decision after = scan(f, "hls_door", "M001", brussels(1, 4, 19));
    CHECK(after.reason == Reason::zone_closed);
    CHECK_FALSE(after.facts.zone_opens_at);
    CHECK(after.facts.zone_never_reopens);
}
