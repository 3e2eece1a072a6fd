// What the verdict screen shows for real decisions of the real engine (demo event, signed bundle,
// SQLite log, badges read back through ZXing, simulated times): which title, which reason and
// action words, whether the photo is shown or warned about, entry or exit, an override's
// supervisor, and how long the verdict stays.
#include "crypto/claims.h"
#include "kiosk/gate_fixture.h"
#include "kiosk/screen/screen_text.h"
#include "kiosk/screen/verdict_view.h"
#include "kiosk/screen/verdict_words.h"
#include "store/sqlite_db.h"

#include <catch2/catch.hpp>

using namespace accred;
using accred::test::brussels;
using accred::test::GateFixture;

namespace {

const std::int64_t kBundleTime = brussels(28, 3, 9) + 3600; // as in gate_scenarios_test

struct Shown {
    Reported reported;
    VerdictView view;
};

Shown shown(GateEngine& kiosk, Reported r) {
    CAPTURE(r.decision.detail);
    REQUIRE(r.row); // every decision here is on record
    VerdictView v = make_verdict_view(r, kiosk.state(), r.row->time);
    return {std::move(r), std::move(v)};
}

Shown scan(GateFixture& f, const std::string& gate, const std::string& text, std::int64_t when) {
    GateEngine& kiosk = f.kiosk(gate);
    return shown(kiosk, kiosk.handle_scan(GateFixture::through_camera(text), when));
}

ScreenText strings() {
    auto text = ScreenText::load(std::string(ACCRED_ASSETS_DIR) + "/kiosk/strings.toml",
                                 screen_required_keys());
    INFO((text ? std::string() : text.error().message));
    REQUIRE(text);
    return std::move(text).value();
}

// Every key a view names has words in the strings file.
void check_keys_exist(const VerdictView& v) {
    const ScreenText text = strings();
    CAPTURE(v.title_key, v.reason_key, v.action_key);
    CHECK(text.has(v.title_key));
    CHECK(text.has(v.reason_key));
    CHECK(text.has(v.action_key));
}

// Changes one byte in the middle of holder's photo in the bundle.
void alter_photo(std::vector<RosterPhoto>& photos, const std::string& holder) {
    bool found = false;
    for (auto& p : photos)
        if (p.holder == holder) {
            REQUIRE(p.bytes.size() > 100);
            const std::size_t mid = p.bytes.size() / 2;
            p.bytes[mid] = static_cast<char>(p.bytes[mid] ^ 0x5A);
            found = true;
        }
    REQUIRE(found);
}

} // namespace

TEST_CASE("A grant shows the holder with the photo signed into the badge", "[screen][verdict]") {
    GateFixture f(kBundleTime);
    const auto [r, v] = scan(f, "main_gate", f.credential("D002"), brussels(31, 3, 9));
    REQUIRE(r.decision.reason == Reason::granted);
    REQUIRE(r.decision.claims);
    const Claims& c = *r.decision.claims;
    CHECK(v.kind == Verdict::granted);
    CHECK(v.reason == Reason::granted);
    CHECK(v.title_key == "verdict.granted");
    CHECK(v.reason_key == "reason.granted");
    CHECK(v.action_key == "action.granted");
    CHECK(v.admitted);
    CHECK(v.entering);
    const EventDefinition& event = f.bundle().event;
    CHECK(v.zone_name.name == event.find_zone(event.find_gate("main_gate")->zone)->name);
    CHECK(v.holder == "D002");
    CHECK(v.name == c.name);
    CHECK_FALSE(v.name.empty());
    CHECK(v.delegation == r.delegation);
    CHECK_FALSE(v.delegation.empty());
    CHECK(v.category.name == r.category);
    CHECK_FALSE(v.category.empty());
    CHECK(v.category_colour == r.colour);
    CHECK(v.category_colour.starts_with("#"));
    CHECK(v.photo == PhotoState::matches);
    REQUIRE_FALSE(v.photo_bytes.empty());
    CHECK(photo_digest(v.photo_bytes) == c.photo);
    CHECK(v.log_seq == r.row->seq);
    CHECK(v.log_seq > 0);
    CHECK(v.hold_ms == kGrantedHoldMs);
    CHECK_FALSE(v.override_possible);
    CHECK(v.override_by.empty());
    check_keys_exist(v);
}

TEST_CASE("A photo that is not the one signed into the badge is warned about, never shown",
          "[screen][verdict]") {
    GateFixture f(kBundleTime, {}, [](auto& photos) { alter_photo(photos, "D002"); });
    const auto [r, v] = scan(f, "main_gate", f.credential("D002"), brussels(31, 3, 9));
    REQUIRE(r.decision.claims);
    CHECK(r.photo_matches == false);
    CHECK(v.photo == PhotoState::mismatch);
    CHECK(v.photo_bytes.empty());
    CHECK(v.holder == "D002");
    // The bundle still holds a photo for D002, just not the signed one.
    auto held = f.kiosk("main_gate").state().store->photo("D002");
    REQUIRE(held);
    REQUIRE(held->has_value());
    CHECK(photo_digest(**held) != r.decision.claims->photo);
}

TEST_CASE("A holder without a photo in the bundle shows no photo", "[screen][verdict]") {
    GateFixture f(kBundleTime, {}, [](auto& photos) {
        std::erase_if(photos, [](const auto& p) { return p.holder == "D002"; });
    });
    const auto [r, v] = scan(f, "main_gate", f.credential("D002"), brussels(31, 3, 9));
    CHECK_FALSE(r.photo_matches.has_value());
    CHECK(v.photo == PhotoState::none);
    CHECK(v.photo_bytes.empty());
    CHECK(v.kind == Verdict::granted);
}

TEST_CASE("Denials say what happened and what to do, in words the strings file has",
          "[screen][verdict]") {
    GateFixture f(kBundleTime);
    const auto t = brussels(31, 3, 10);

    const auto other =
        scan(f, "main_gate", f.credential_with("D002", [](Claims& c) { c.iss = "other14"; }), t);
    REQUIRE(other.reported.decision.reason == Reason::wrong_event);
    CHECK(other.view.kind == Verdict::denied);
    CHECK(other.view.title_key == "verdict.denied");
    CHECK(other.view.reason_key == "reason.wrong_event");
    CHECK(other.view.action_key == "action.wrong_event");
    CHECK_FALSE(other.view.admitted);
    CHECK_FALSE(other.view.override_possible); // a badge for another event is never overridden
    CHECK(other.view.hold_ms == kRefusedHoldMs);
    check_keys_exist(other.view);

    // P001 is accredited for 1 April only: verified, but not yet valid.
    const auto early = scan(f, "main_gate", f.credential("P001"), t + 60);
    REQUIRE(early.reported.decision.reason == Reason::not_yet_valid);
    CHECK(early.view.kind == Verdict::denied);
    CHECK(early.view.title_key == "verdict.denied");
    CHECK(early.view.reason_key == "reason.not_yet_valid");
    CHECK(early.view.action_key == "action.not_yet_valid");
    CHECK(early.view.holder == "P001");
    CHECK(early.view.photo == PhotoState::matches);
    CHECK(early.view.hold_ms == kRefusedHoldMs);
    check_keys_exist(early.view);

    // Not a badge at all: nobody to show.
    const auto junk = scan(f, "main_gate", "HELLO WORLD", t + 120);
    REQUIRE(junk.reported.decision.reason == Reason::malformed);
    CHECK(junk.view.kind == Verdict::denied);
    CHECK(junk.view.holder.empty());
    CHECK(junk.view.name.empty());
    CHECK(junk.view.photo == PhotoState::none);
    CHECK(junk.view.photo_bytes.empty());
    check_keys_exist(junk.view);
}

TEST_CASE("A soft anti-passback warning that admits tells the guard to compare the photo",
          "[screen][verdict]") {
    GateFixture f(kBundleTime);
    const auto t = brussels(31, 3, 9);
    const auto first = scan(f, "building_door", f.credential("D002"), t);
    CHECK(first.view.kind == Verdict::granted);
    const auto again = scan(f, "building_door", f.credential("D002"), t + 60);
    REQUIRE(again.reported.decision.verdict == Verdict::attention);
    REQUIRE(again.reported.decision.admitted);
    CHECK(again.view.kind == Verdict::attention);
    CHECK(again.view.title_key == "verdict.attention");
    CHECK(again.view.reason_key == "reason.already_inside");
    CHECK(again.view.action_key == "action.attention_admitted");
    CHECK(again.view.admitted);
    CHECK(again.view.photo == PhotoState::matches); // the photo to compare with
    CHECK(again.view.hold_ms == kRefusedHoldMs);
    check_keys_exist(again.view);
}

TEST_CASE("Someone let out without a record is told so, not told to compare a photo",
          "[screen][verdict]") {
    GateFixture f(kBundleTime);
    const auto t = brussels(31, 3, 9);
    // An unreadable code at an exit: let out, nothing recorded about anyone.
    const auto junk = scan(f, "main_gate_exit", "HELLO WORLD", t);
    REQUIRE(junk.reported.decision.admitted);
    CHECK(junk.view.kind == Verdict::attention);
    CHECK(junk.view.action_key == "action.exit_unrecorded");
    check_keys_exist(junk.view);
    // A good badge at an exit whose log cannot be written: let out, not recorded.
    auto other =
        Database::open(f.dir() + "/kiosk-main_gate_exit/log.db", Database::Mode::read_write_create);
    REQUIRE(other);
    REQUIRE(other->exec("BEGIN EXCLUSIVE"));
    const Reported unlogged =
        f.kiosk("main_gate_exit")
            .handle_scan(GateFixture::through_camera(f.credential("D002")), t + 5);
    REQUIRE(other->exec("ROLLBACK"));
    REQUIRE(unlogged.decision.reason == Reason::log_unavailable);
    const VerdictView view = make_verdict_view(unlogged, f.kiosk("main_gate_exit").state(), t + 5);
    CHECK(view.kind == Verdict::attention);
    CHECK(view.admitted);
    CHECK(view.action_key == "action.exit_unrecorded");
    CHECK(view.log_seq == 0);
    check_keys_exist(view);
}

TEST_CASE("An attention that does not admit keeps its own action", "[screen][verdict]") {
    GateFixture f(kBundleTime, [](KioskBundle& b) { b.revocations.max_age_minutes = 720; });
    const auto stale = scan(f, "main_gate", f.credential("D002"), brussels(31, 3, 9));
    REQUIRE(stale.reported.decision.reason == Reason::stale_revocations);
    REQUIRE_FALSE(stale.reported.decision.admitted);
    CHECK(stale.view.kind == Verdict::attention);
    CHECK(stale.view.title_key == "verdict.attention");
    CHECK(stale.view.action_key == "action.stale_revocations");
    CHECK_FALSE(stale.view.admitted);
    CHECK(stale.view.override_possible);
    check_keys_exist(stale.view);
}

TEST_CASE("An exit gate shows an exit, not an entry", "[screen][verdict]") {
    GateFixture f(kBundleTime);
    const auto out = scan(f, "main_gate_exit", f.credential("D002"), brussels(31, 3, 18));
    REQUIRE(out.reported.decision.reason == Reason::exit_recorded);
    CHECK(out.view.kind == Verdict::granted);
    CHECK(out.view.title_key == "verdict.exit");
    CHECK(out.view.reason_key == "reason.exit_recorded");
    CHECK_FALSE(out.view.entering);
    CHECK(out.view.admitted);
    CHECK(out.view.holder == "D002");
    CHECK(out.view.hold_ms == kGrantedHoldMs);
    check_keys_exist(out.view);
}

TEST_CASE("A grant is held shorter than a refusal", "[screen][verdict]") {
    STATIC_REQUIRE(kGrantedHoldMs < kRefusedHoldMs);
    GateFixture f(kBundleTime);
    const auto t = brussels(31, 3, 9);
    const auto granted = scan(f, "main_gate", f.credential("D002"), t);
    const auto refused = scan(f, "main_gate", f.credential("D002"), t + 30); // hard passback
    REQUIRE(refused.reported.decision.reason == Reason::already_inside);
    CHECK(granted.view.hold_ms > 0);
    CHECK(granted.view.hold_ms < refused.view.hold_ms);
}

TEST_CASE("An override names the supervisor who admitted", "[screen][verdict]") {
    GateFixture f(kBundleTime);
    GateEngine& kiosk = f.kiosk("hls_door");
    const auto t = brussels(1, 4, 10); // the session room is closed in the morning
    const auto denied = scan(f, "hls_door", f.credential("P002"), t);
    REQUIRE(denied.reported.decision.reason == Reason::zone_closed);
    CHECK(denied.view.kind == Verdict::denied);
    CHECK(denied.view.override_possible);
    CHECK(denied.view.override_by.empty());

    const auto over = shown(kiosk, kiosk.override_last("duty_officer", "246810", t + 20));
    REQUIRE(over.reported.decision.reason == Reason::granted_override);
    const Supervisor* duty = kiosk.state().bundle.event.find_supervisor("duty_officer");
    REQUIRE(duty != nullptr);
    CHECK(over.view.kind == Verdict::granted);
    CHECK(over.view.title_key == "verdict.override");
    CHECK(over.view.reason_key == "reason.granted_override");
    CHECK(over.view.override_by == duty->name);
    CHECK_FALSE(over.view.override_by.empty());
    CHECK(over.view.admitted);
    CHECK(over.view.holder == "P002");
    CHECK(over.view.log_seq == denied.view.log_seq + 1);
    CHECK_FALSE(over.view.override_possible);
    check_keys_exist(over.view);
}

namespace {

// A decision on a verified badge built by hand (the engine that fills other_reasons is not
// needed for what the screen makes of them): S001, valid on 31 March only.
Reported hand_made(Reason reason, std::vector<Reason> others) {
    Reported r;
    r.decision.verdict = Verdict::denied;
    r.decision.reason = reason;
    r.decision.other_reasons = std::move(others);
    r.decision.zone = "plenary";
    Claims c;
    c.sub = "S001";
    c.name = "Helena Ruysschaert";
    c.nbf = static_cast<std::uint64_t>(brussels(31, 3, 0));
    c.exp = static_cast<std::uint64_t>(brussels(1, 4, 0)); // midnight at the end of 31 March
    r.decision.claims = c;
    return r;
}

std::size_t language(const ScreenText& text, const std::string& code) {
    for (std::size_t i = 0; i < text.language_count(); ++i)
        if (text.language_code(i) == code) return i;
    FAIL("no language " << code);
    return 0;
}

} // namespace

TEST_CASE("An expired badge with stale revocation data shows both", "[screen][verdict]") {
    GateFixture f(kBundleTime);
    const KioskState& state = f.kiosk("main_gate").state();
    const std::int64_t now = static_cast<std::int64_t>(state.revocations.issued_at) + 14 * 3600;
    const VerdictView v =
        make_verdict_view(hand_made(Reason::expired, {Reason::stale_revocations}), state, now);
    CHECK(v.kind == Verdict::denied);
    CHECK(v.reason == Reason::expired);
    CHECK(v.reason_key == "reason.expired");
    CHECK(v.action_key == "action.expired");
    REQUIRE(v.other_reasons == std::vector<Reason>{Reason::stale_revocations});
    CHECK(v.revocations_age_s == 14 * 3600);
    CHECK(v.first_day == "2014-03-31");
    CHECK(v.last_day == "2014-03-31"); // the last day it was valid, not the day after
    check_keys_exist(v);

    const ScreenText text = strings();
    CHECK(other_reasons_line(v, text, language(text, "en")) ==
          "Also: revocation data 14 h 0 min old");
    CHECK(other_reasons_line(v, text, language(text, "fr")) ==
          "Aussi\u00A0: données de révocation vieilles de 14 h 0 min");
    CHECK(other_reasons_line(v, text, language(text, "nl")) ==
          "Ook: intrekkingsgegevens 14 u 0 min oud");
}

TEST_CASE("Other reasons are joined most severe first, with the facts the view has",
          "[screen][verdict]") {
    GateFixture f(kBundleTime);
    const KioskState& state = f.kiosk("main_gate").state();
    const std::int64_t now = static_cast<std::int64_t>(state.revocations.issued_at) + 90 * 60;
    const ScreenText text = strings();
    const std::size_t en = language(text, "en");
    const VerdictView two = make_verdict_view(
        hand_made(Reason::revoked, {Reason::expired, Reason::zone_closed}), state, now);
    CHECK(other_reasons_line(two, text, en) ==
          "Also: expired (valid until 2014-03-31); outside opening hours");
    CHECK(other_reasons_line(two, text, language(text, "fr")) ==
          "Aussi\u00A0: expiré (valable jusqu'au 2014-03-31)\u00A0; hors des heures d'ouverture");
    const VerdictView early =
        make_verdict_view(hand_made(Reason::zone_not_granted, {Reason::not_yet_valid}), state, now);
    CHECK(other_reasons_line(early, text, en) == "Also: valid only from 2014-03-31");
    // A reason without a note of its own is named, never shown as a key.
    const VerdictView odd =
        make_verdict_view(hand_made(Reason::expired, {Reason::log_unavailable}), state, now);
    CHECK(other_reasons_line(odd, text, en) == "Also: Entries cannot be recorded");
    // None: no line at all.
    const VerdictView alone = make_verdict_view(hand_made(Reason::expired, {}), state, now);
    CHECK(alone.other_reasons.empty());
    for (std::size_t l = 0; l < text.language_count(); ++l)
        CHECK(other_reasons_line(alone, text, l).empty());
}

TEST_CASE("An escort's principal is named by id and name from the bundle's holder index",
          "[screen][verdict]") {
    GateFixture f(kBundleTime);
    const auto [r, v] =
        scan(f, "plenary_door", f.credential("K003"), brussels(31, 3, 11)); // P002 not inside
    REQUIRE(r.decision.reason == Reason::escort_without_principal);
    CHECK(v.principal == "P002");
    CHECK(v.principal_name == "Thorbjørn Jagland");
    const ScreenText text = strings();
    CHECK(fact_line(v, text, 0).find("P002 Thorbjørn Jagland") != std::string::npos);
}
