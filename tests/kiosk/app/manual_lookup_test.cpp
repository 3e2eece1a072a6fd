// Manual lookup at the gate (docs/kiosk.md): the bundle store's search by id and name, the
// decision on the bundle's claims against the decision on a scan of the same badge, and the
// engine's PIN, logging and refusals, with a real enrolled kiosk and a real SQLite log.
#include "crypto/claims_cbor.h"
#include "crypto/credential.h"
#include "kiosk/engine/decision.h"
#include "kiosk/gate_fixture.h"

#include <catch2/catch.hpp>

using namespace accred;
using accred::test::brussels;
using accred::test::GateFixture;

namespace {

const std::int64_t kBundleTime = brussels(28, 3, 9) + 3600;
constexpr const char* kPin = "246810"; // duty_officer's in the demo event

std::vector<std::string> holders_found(GateEngine& kiosk, const std::string& query) {
    auto found = kiosk.state().store->search(query, 20);
    REQUIRE(found);
    std::vector<std::string> ids;
    for (const auto& m : found.value())
        ids.push_back(m.holder);
    return ids;
}

CredentialId cti_of(const std::string& id) {
    CredentialId cti{};
    std::copy_n(id.begin(), std::min<std::size_t>(id.size(), 8), cti.begin());
    return cti;
}

void set_lookup(KioskBundle& b, ManualLookup mode) {
    for (auto& gate : b.event.gates)
        gate.manual_lookup = mode;
}

} // namespace

TEST_CASE("Manual lookup finds people by id or by words of their name, accents aside", "[manual]") {
    GateFixture f(kBundleTime);
    auto& kiosk = f.kiosk("main_gate");
    CHECK(holders_found(kiosk, "D012") == std::vector<std::string>{"D012"});
    CHECK(holders_found(kiosk, "d012") == std::vector<std::string>{"D012"}); // case aside
    CHECK(holders_found(kiosk, "clemence") == std::vector<std::string>{"D012"});
    CHECK(holders_found(kiosk, "CLÉM aub") == std::vector<std::string>{"D012"});
    CHECK(holders_found(kiosk, "selimovic kova") == std::vector<std::string>{"M003"});
    CHECK(holders_found(kiosk, "thorbjorn") == std::vector<std::string>{"P002"});
    const auto ds = holders_found(kiosk, "D01");
    CHECK(ds.size() >= 3);
    CHECK(std::all_of(ds.begin(), ds.end(),
                      [](const std::string& id) { return id.starts_with("D01"); }));
    CHECK(holders_found(kiosk, "zzzz").empty());
    CHECK(holders_found(kiosk, "   ").empty());
    auto found = kiosk.state().store->search("clem", 5);
    REQUIRE(found);
    REQUIRE(found->size() == 1);
    CHECK(found->front().name == "Clémence Aubertin");
}

TEST_CASE("A manual decision is a scan's decision on the same badge, marked manual", "[manual]") {
    // Every demo person, at every gate, at times before, during and after the event: the same
    // verdict, door and reasons as decide() on their badge, with granted made granted_manual.
    GateFixture f(kBundleTime, [](KioskBundle& b) {
        b.revocations.revoked = {cti_of("D003"), cti_of("M001")};
        b.revocations.current_issue = {{"D004", 2}};
    });
    TrustStore trusted;
    trusted.add(f.event_key().public_key());
    const ResolvedZone zone = ResolvedZone::resolve_or_unknown(f.bundle().event.time_zone);
    const Presence presence;
    auto& kiosk = f.kiosk("main_gate");
    int admitted = 0, refused = 0;
    for (const Gate& gate : f.bundle().event.gates)
        for (const std::int64_t t :
             {brussels(30, 3, 12), brussels(31, 3, 9), brussels(1, 4, 21), brussels(3, 4, 10)})
            for (const auto& photo : f.photos()) {
                DecisionInput in;
                in.bundle = &f.bundle();
                in.trusted = &trusted;
                in.time_zone = &zone;
                in.revocations = &f.bundle().revocations;
                in.gate = &gate;
                in.presence = &presence;
                in.now = t;
                in.content = f.credential(photo.holder);
                const Decision scanned = decide(in);
                auto claims = kiosk.state().store->claims(photo.holder);
                REQUIRE(claims);
                REQUIRE(claims->has_value());
                const Decision manual = decide_manual(in, **claims);
                CAPTURE(gate.id, t, photo.holder, manual.detail);
                CHECK(manual.admitted == scanned.admitted);
                CHECK(manual.verdict == scanned.verdict);
                CHECK(manual.reason == (scanned.reason == Reason::granted ? Reason::granted_manual
                                                                          : scanned.reason));
                auto marked = scanned.other_reasons;
                marked.push_back(Reason::manual_lookup);
                CHECK(manual.other_reasons == marked);
                CHECK(is_manual_decision(manual));
                CHECK_FALSE(manual.override_possible);
                (manual.admitted ? admitted : refused)++;
            }
    CHECK(admitted > 50); // both kinds were exercised
    CHECK(refused > 50);
}

TEST_CASE("Manual lookup: revoked, expired and the wrong zone at once; logged as manual",
          "[manual]") {
    GateFixture f(kBundleTime, [](KioskBundle& b) { b.revocations.revoked = {cti_of("D002")}; });
    auto& kiosk = f.kiosk("hls_door");
    // D002, a delegate (no hls_room), revoked, after the event.
    auto r = kiosk.decide_by_lookup({"D002", "duty_officer", kPin}, brussels(3, 4, 10));
    REQUIRE(r);
    CHECK_FALSE(r->decision.admitted);
    CHECK(r->decision.reason == Reason::revoked);
    const auto& others = r->decision.other_reasons;
    CHECK(std::find(others.begin(), others.end(), Reason::expired) != others.end());
    CHECK(std::find(others.begin(), others.end(), Reason::zone_not_granted) != others.end());
    CHECK(others.back() == Reason::manual_lookup);
    REQUIRE(r->row);
    CHECK(r->row->reason == Reason::revoked);
    CHECK(is_manual_row(*r->row));
    CHECK(r->row->holder == "D002");
    CHECK(r->row->cti == cti_of("D002"));
    CHECK(r->row->override_by == "duty_officer");
    CHECK(r->row->credential.empty());
    CHECK(r->photo_matches == true); // the bundle's photo, shown for the face check
}

TEST_CASE("Manual lookup admits with granted_manual and counts the holder inside", "[manual]") {
    GateFixture f(kBundleTime, [](KioskBundle& b) { set_lookup(b, ManualLookup::open); });
    auto& kiosk = f.kiosk("main_gate");
    auto r = kiosk.decide_by_lookup({"D002", "", ""}, brussels(31, 3, 9));
    REQUIRE(r);
    CHECK(r->decision.admitted);
    CHECK(r->decision.reason == Reason::granted_manual);
    REQUIRE(r->row);
    CHECK(r->row->reason == Reason::granted_manual);
    CHECK_FALSE(r->row->override_by); // an open gate: no supervisor
    CHECK_FALSE(r->pin);
    // Hard anti-passback applies to a manual entry as to a scan, both ways.
    auto again = kiosk.decide_by_lookup({"D002", "", ""}, brussels(31, 3, 9) + 60);
    REQUIRE(again);
    CHECK(again->decision.reason == Reason::already_inside);
    const Reported scanned = kiosk.handle_scan(f.credential("D002"), brussels(31, 3, 9) + 120);
    CHECK(scanned.decision.reason == Reason::already_inside);
}

TEST_CASE("Manual lookup refuses unknown and withdrawn holders, and gates that forbid it",
          "[manual]") {
    GateFixture f(
        kBundleTime,
        [](KioskBundle& b) {
            for (auto& gate : b.event.gates)
                if (gate.id == "press_door")
                    gate.manual_lookup = ManualLookup::off;
                else
                    gate.manual_lookup = ManualLookup::open;
        },
        [](std::vector<RosterPhoto>& photos) {
            for (auto& p : photos)
                if (p.holder == "D002") p.claims.clear(); // withdrawn: no current badge
        });
    auto& kiosk = f.kiosk("main_gate");
    const std::uint64_t head = kiosk.log().head_seq();
    auto unknown = kiosk.decide_by_lookup({"NOBODY", "", ""}, brussels(31, 3, 9));
    REQUIRE_FALSE(unknown);
    CHECK(unknown.error().message.find("no current badge for NOBODY") != std::string::npos);
    auto withdrawn = kiosk.decide_by_lookup({"D002", "", ""}, brussels(31, 3, 9));
    REQUIRE_FALSE(withdrawn);
    CHECK(holders_found(kiosk, "D002").empty()); // not offered by the search either
    auto off = f.kiosk("press_door").decide_by_lookup({"X001", "", ""}, brussels(31, 3, 9));
    REQUIRE_FALSE(off);
    CHECK(off.error().message.find("off at this gate") != std::string::npos);
    CHECK(kiosk.log().head_seq() == head); // nothing decided, nothing logged
}

TEST_CASE("Manual lookup without claims in the bundle says it is unavailable", "[manual]") {
    GateFixture f(kBundleTime, {}, [](std::vector<RosterPhoto>& photos) {
        for (auto& p : photos)
            p.claims.clear(); // a bundle from a desk before claims travelled
    });
    auto& kiosk = f.kiosk("main_gate");
    auto available = kiosk.state().store->manual_lookup_available();
    REQUIRE(available);
    CHECK_FALSE(available.value());
    auto r = kiosk.decide_by_lookup({"D002", "duty_officer", kPin}, brussels(31, 3, 9));
    REQUIRE_FALSE(r);
    CHECK(r.error().message.find("unavailable") != std::string::npos);
}

TEST_CASE("Manual lookup's PIN: a wrong one is logged and decides nothing; guesses wait",
          "[manual][pin]") {
    GateFixture f(kBundleTime);
    auto& kiosk = f.kiosk("main_gate");
    const std::int64_t t = brussels(31, 3, 9);
    for (const char* guess : {"000000", "111111", "222222"}) {
        auto r = kiosk.decide_by_lookup({"D002", "duty_officer", guess}, t);
        REQUIRE(r);
        REQUIRE(r->pin);
        CHECK(r->pin->result == PinCheck::wrong);
        CHECK_FALSE(r->decision.admitted);
        REQUIRE(r->row);
        CHECK(r->row->reason == Reason::pin_rejected);
        CHECK_FALSE(r->row->holder);
    }
    // Throttled: even the right PIN waits, and nothing is written.
    const std::uint64_t head = kiosk.log().head_seq();
    auto early = kiosk.decide_by_lookup({"D002", "duty_officer", kPin}, t + 10);
    REQUIRE(early);
    REQUIRE(early->pin);
    CHECK(early->pin->result == PinCheck::must_wait);
    CHECK_FALSE(early->row);
    CHECK(kiosk.log().head_seq() == head);
    auto later = kiosk.decide_by_lookup({"D002", "duty_officer", kPin}, t + 40);
    REQUIRE(later);
    CHECK(later->decision.reason == Reason::granted_manual);
    CHECK(kiosk.pin_wait_seconds(t + 41) == 0); // the right PIN started the count again
    // And after a restart, the log's manual row keeps the count at zero.
    CHECK(f.restart("main_gate").pin_wait_seconds(t + 41) == 0);
}
