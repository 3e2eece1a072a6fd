// Several things wrong at once (issue 15): every pair and triple of failing conditions through
// the real engine and a real SQLite log, checked against the precedence table of docs/kiosk.md
// as written there (the oracle below is copied from the document, not from the code).
#include "event/event_window.h"
#include "kiosk/engine/decision.h"
#include "kiosk/engine/rule_precedence.h"
#include "kiosk/gate_fixture.h"

#include <algorithm>
#include <catch2/catch.hpp>

using namespace accred;
using accred::test::brussels;
using accred::test::GateFixture;

namespace {

enum Condition {
    wrong_event,
    not_yet_valid,
    expired,
    revoked,
    superseded,
    stale,
    zone_not_granted,
    insufficient_clearance,
    zone_closed,
    inside_hard,
    inside_soft,
    inside_timed,
    capacity_reached,
    escort_without_principal,
    clock_suspect,
    exit_gate,
    kConditions
};

const char* const kConditionNames[] = {
    "wrong_event",   "not_yet_valid", "expired",     "revoked",          "superseded",
    "stale",         "zone_not_granted", "insufficient_clearance", "zone_closed", "inside_hard",
    "inside_soft",   "inside_timed",  "capacity_reached", "escort_without_principal",
    "clock_suspect", "exit_gate"};

// docs/kiosk.md, "The decision": most severe first; the first five may not be overridden.
const Reason kDocumentedOrder[] = {
    Reason::wrong_event,      Reason::revoked,
    Reason::superseded,       Reason::expired,
    Reason::not_yet_valid,    Reason::clock_suspect,
    Reason::zone_not_granted, Reason::insufficient_clearance,
    Reason::zone_closed,      Reason::escort_without_principal,
    Reason::capacity_reached, Reason::already_inside,
    Reason::stale_revocations};
constexpr std::size_t kNotOverridable = 5;

std::size_t rank_of(Reason r) {
    return static_cast<std::size_t>(std::find(std::begin(kDocumentedOrder),
                                              std::end(kDocumentedOrder), r) -
                                    std::begin(kDocumentedOrder));
}

Reason reason_of(Condition c) {
    switch (c) {
    case wrong_event: return Reason::wrong_event;
    case not_yet_valid: return Reason::not_yet_valid;
    case expired: return Reason::expired;
    case revoked: return Reason::revoked;
    case superseded: return Reason::superseded;
    case stale: return Reason::stale_revocations;
    case zone_not_granted: return Reason::zone_not_granted;
    case insufficient_clearance: return Reason::insufficient_clearance;
    case zone_closed: return Reason::zone_closed;
    case inside_hard:
    case inside_soft:
    case inside_timed: return Reason::already_inside;
    case capacity_reached: return Reason::capacity_reached;
    case escort_without_principal: return Reason::escort_without_principal;
    case clock_suspect: return Reason::clock_suspect;
    default: return Reason::internal_error;
    }
}

struct Expected {
    Verdict verdict = Verdict::granted;
    Reason reason = Reason::granted;
    std::vector<Reason> others;
    bool admitted = true;
    bool overridable = false;
};

// The oracle, from the document's words: the worst refusal decides; stale data only turns an
// otherwise granted decision amber (not admitted); soft passback alone admits in amber; an exit
// records any verified badge of this event.
Expected expected_for(const std::vector<Condition>& set) {
    Expected e;
    auto has = [&](Condition c) { return std::find(set.begin(), set.end(), c) != set.end(); };
    if (has(exit_gate)) {
        if (has(wrong_event)) return {Verdict::attention, Reason::wrong_event, {}, true, false};
        return {Verdict::granted, Reason::exit_recorded, {}, true, false};
    }
    std::vector<Reason> all, refusals;
    for (Condition c : set) {
        all.push_back(reason_of(c));
        if (c != stale && c != inside_soft) refusals.push_back(reason_of(c));
    }
    auto by_rank = [](Reason a, Reason b) { return rank_of(a) < rank_of(b); };
    std::sort(all.begin(), all.end(), by_rank);
    all.erase(std::unique(all.begin(), all.end()), all.end());
    if (!refusals.empty()) {
        e = {Verdict::denied, *std::min_element(refusals.begin(), refusals.end(), by_rank), {},
             false, false};
        e.overridable = rank_of(e.reason) >= kNotOverridable;
    } else if (has(stale)) {
        e = {Verdict::attention, Reason::stale_revocations, {}, false, true};
    } else if (has(inside_soft)) {
        e = {Verdict::attention, Reason::already_inside, {}, true, false};
    } else {
        return e;
    }
    for (Reason r : all)
        if (r != e.reason) e.others.push_back(r);
    return e;
}

bool compatible(const std::vector<Condition>& set) {
    int passback = 0;
    for (Condition c : set) passback += c == inside_hard || c == inside_soft || c == inside_timed;
    const bool dates = std::find(set.begin(), set.end(), not_yet_valid) != set.end() &&
                       std::find(set.begin(), set.end(), expired) != set.end();
    return passback <= 1 && !dates; // one door has one passback mode; nbf < exp always
}

std::vector<std::string> names(const std::vector<Reason>& reasons) {
    std::vector<std::string> out;
    for (Reason r : reasons) out.emplace_back(reason_name(r));
    return out;
}

// One kiosk at the main gate; every case edits its policy in memory from the signed base, uses a
// holder of its own, and gets its presence as the desk would hand it down (a peer's entry).
class Matrix {
  public:
    Matrix() : f_(brussels(28, 3, 9)), kiosk_(f_.kiosk("main_gate")), base_(kiosk_.state().bundle) {}

    void run(const std::vector<Condition>& set, std::int64_t now, int n) {
        auto has = [&](Condition c) { return std::find(set.begin(), set.end(), c) != set.end(); };
        std::string label;
        for (Condition c : set) label += std::string(kConditionNames[c]) + " ";
        CAPTURE(label);
        const std::string holder = "C" + std::to_string(n);
        KioskState& state = kiosk_.state();
        state.bundle = base_;
        EventDefinition& event = state.bundle.event;
        Zone& grounds = *const_cast<Zone*>(event.find_zone("grounds"));
        Gate& gate = *const_cast<Gate*>(event.find_gate("main_gate"));
        RevocationList& revocations = state.revocations;
        revocations = base_.revocations;
        revocations.max_age_minutes = 720;
        revocations.issued_at = static_cast<std::uint64_t>(now - (has(stale) ? 13 * 3600 : 60));
        const std::string text = f_.credential_with("D002", [&](Claims& c) {
            c.sub = holder;
            c.cti[0] = static_cast<std::uint8_t>(n);
            c.cti[1] = static_cast<std::uint8_t>(n >> 8);
            if (has(wrong_event)) c.iss = "other14";
            c.iat = static_cast<std::uint64_t>(now - 5 * 86400);
            c.nbf = static_cast<std::uint64_t>(now - 3600);
            c.exp = static_cast<std::uint64_t>(now + 86400);
            if (has(not_yet_valid)) c.nbf = static_cast<std::uint64_t>(now + 5 * 3600);
            if (has(expired)) {
                c.nbf = static_cast<std::uint64_t>(now - 2 * 86400);
                c.exp = static_cast<std::uint64_t>(now - 3600);
            }
            if (has(escort_without_principal)) c.escort = "PR" + std::to_string(n);
            if (has(revoked)) {
                revocations.revoked.push_back(c.cti);
                std::sort(revocations.revoked.begin(), revocations.revoked.end());
            }
            if (has(superseded)) revocations.current_issue[holder] = c.issue + 1;
        });
        if (has(zone_not_granted))
            for (Category& cat : event.categories)
                std::erase(cat.zones, std::string("grounds"));
        if (has(insufficient_clearance)) grounds.min_rank = 61; // a delegate's rank is 60
        if (has(zone_closed)) grounds.windows = {{event.days.front(), 0, 60}};
        if (has(clock_suspect)) state.bundle.issued_at = static_cast<std::uint64_t>(now + 600);
        gate.anti_passback = has(inside_soft)    ? AntiPassback::soft
                             : has(inside_timed) ? AntiPassback::timed
                                                 : AntiPassback::hard;
        gate.passback_minutes = 60;
        if (has(exit_gate)) gate.direction = Direction::exit;
        const bool was_inside = has(inside_hard) || has(inside_soft) || has(inside_timed);
        if (was_inside) kiosk_.apply_peer_rows(std::vector{peer_entry(holder, now - 600)});
        const std::int64_t since = presence_reset_before(event, now);
        if (has(capacity_reached))
            grounds.capacity = std::max<std::size_t>(1, kiosk_.presence().occupancy("grounds", since));
        const Expected e = expected_for(set);

        const Reported r = kiosk_.handle_scan(text, now);
        CAPTURE(r.decision.detail);
        CHECK(reason_name(r.decision.reason) == reason_name(e.reason));
        CHECK(verdict_name(r.decision.verdict) == verdict_name(e.verdict));
        CHECK(names(r.decision.other_reasons) == names(e.others));
        CHECK(r.decision.admitted == e.admitted);
        CHECK(r.decision.override_possible == e.overridable);
        CHECK(kiosk_.has_overridable_denial() == e.overridable);
        CHECK(override_decision(r.decision).has_value() == e.overridable);
        REQUIRE(r.row); // on record, exactly as decided
        CHECK(r.row->reason == r.decision.reason);
        CHECK(r.row->admitted == e.admitted);
        CHECK(names(r.row->other_reasons) == names(e.others));
        const bool inside_after = kiosk_.presence().inside_since(holder, "grounds", since).has_value();
        const bool recorded_exit = has(exit_gate) && !has(wrong_event);
        CHECK(inside_after == (recorded_exit ? false : was_inside || (e.admitted && !has(exit_gate))));
        ++checked_;
    }

    std::size_t checked() const { return checked_; }
    GateEngine& kiosk() { return kiosk_; }

  private:
    EntryRecord peer_entry(const std::string& holder, std::int64_t time) const {
        EntryRecord row;
        row.kiosk_id = "peer-kiosk";
        row.gate = "side_gate";
        row.zone = "grounds";
        row.time = time;
        row.verdict = Verdict::granted;
        row.reason = Reason::granted;
        row.admitted = true;
        row.holder = holder;
        return row;
    }

    GateFixture f_;
    GateEngine& kiosk_;
    KioskBundle base_;
    std::size_t checked_ = 0;
};

} // namespace

TEST_CASE("Every pair and triple of failing conditions decides by the precedence table",
          "[decision][matrix]") {
    Matrix m;
    std::int64_t now = brussels(31, 3, 10);
    int n = 0;
    std::size_t pairs = 0, triples = 0;
    for (int a = 0; a < kConditions; ++a)
        for (int b = a + 1; b < kConditions; ++b) {
            const std::vector<Condition> pair{Condition(a), Condition(b)};
            if (compatible(pair)) m.run(pair, now += 5, ++n), ++pairs;
            for (int c = b + 1; c < kConditions; ++c) {
                const std::vector<Condition> triple{Condition(a), Condition(b), Condition(c)};
                if (compatible(triple)) m.run(triple, now += 5, ++n), ++triples;
            }
        }
    // 16 conditions: 120 pairs and 560 triples, less those a door cannot have at once.
    CHECK(pairs == 116);
    CHECK(triples == 506);
    CHECK(m.checked() == pairs + triples);
    // The log that took every one of them still opens: its chain and clock rule hold.
    REQUIRE(m.kiosk().log().rows());
    CHECK(m.kiosk().log().rows()->size() == pairs + triples);
}

TEST_CASE("Each condition alone, and none", "[decision][matrix]") {
    Matrix m;
    std::int64_t now = brussels(1, 4, 10);
    m.run({}, now, 9000);
    for (int a = 0; a < kConditions; ++a) m.run({Condition(a)}, now += 5, 9001 + a);
}

TEST_CASE("The documented order is the code's precedence table", "[decision][matrix]") {
    // The oracle above reads the document; this checks the code's table agrees on every refusal.
    for (std::size_t i = 0; i + 1 < std::size(kDocumentedOrder); ++i) {
        CAPTURE(reason_name(kDocumentedOrder[i]));
        CHECK(severity(kDocumentedOrder[i]) < severity(kDocumentedOrder[i + 1]));
        CHECK(rule_overridable(kDocumentedOrder[i]) == (i >= kNotOverridable));
    }
    Decision refused;
    refused.verdict = Verdict::denied;
    for (std::size_t i = 0; i < std::size(kDocumentedOrder); ++i) {
        refused.reason = kDocumentedOrder[i];
        refused.override_possible = true; // even if a caller said so, the table decides
        CAPTURE(reason_name(refused.reason));
        CHECK(override_decision(refused).has_value() == (i >= kNotOverridable));
    }
}
