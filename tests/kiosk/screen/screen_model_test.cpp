// The screen's state machine, driven as the guard and a handheld scanner would drive it: language
// and sound keys, typed scans (bounded), the supervisor PIN pad for overrides and unlocking, the
// lock, exit mode, and how long a verdict stays on screen.
#include "kiosk/screen/screen_model.h"

#include <catch2/catch.hpp>
#include <utility>

using namespace accred;

namespace {

GateStatus two_supervisors() {
    GateStatus s;
    s.supervisors = {{"duty_officer", "Security duty officer"},
                     {"deputy_officer", "Deputy duty officer"}};
    return s;
}

WorkerResult verdict_result(Verdict kind, int hold_ms) {
    VerdictView v;
    v.kind = kind;
    v.title_key = kind == Verdict::granted ? "verdict.granted" : "verdict.denied";
    v.hold_ms = hold_ms;
    WorkerResult r;
    r.verdict = v;
    return r;
}

WorkerResult pin_result(PinPurpose purpose, PinCheck result) {
    WorkerResult r;
    r.pin_purpose = purpose;
    r.pin_result = result;
    return r;
}

const std::string kBadge = "AC1:NCFOXN%TSMAHN-H3ZSUZK+.V0ETOF5";

} // namespace

TEST_CASE("The language key cycles through every language and wraps", "[screen][model]") {
    const GateStatus status = two_supervisors();
    ScreenModel model(3, 2);
    CHECK(model.language() == 0);
    std::vector<std::size_t> seen;
    for (int i = 0; i < 6; ++i) {
        CHECK_FALSE(model.on_key(GuardKey::language, status));
        seen.push_back(model.language());
    }
    CHECK(seen == std::vector<std::size_t>{1, 2, 0, 1, 2, 0});
    // A strings file with no language at all still leaves a valid index.
    ScreenModel none(0, 0);
    (void)none.on_key(GuardKey::language, status);
    CHECK(none.language() == 0);
}

TEST_CASE("The mute key toggles the sound", "[screen][model]") {
    const GateStatus status = two_supervisors();
    ScreenModel model(3, 2);
    CHECK_FALSE(model.muted());
    CHECK_FALSE(model.on_key(GuardKey::mute, status));
    CHECK(model.muted());
    (void)model.on_key(GuardKey::mute, status);
    CHECK_FALSE(model.muted());
}

TEST_CASE("A typed line and Enter ask for a scan of exactly that line", "[screen][model]") {
    const GateStatus status = two_supervisors();
    ScreenModel model(3, 2);
    // A handheld scanner types a character at a time.
    for (const char c : kBadge)
        model.on_text(std::string_view(&c, 1));
    const auto r = model.on_key(GuardKey::enter, status);
    REQUIRE(r);
    CHECK(r->kind == ScreenRequest::Kind::scan);
    CHECK(r->text == kBadge);
    CHECK(r->pin.empty());
    // The buffer was cleared: Enter again asks for nothing, and the next line stands alone.
    CHECK_FALSE(model.on_key(GuardKey::enter, status));
    model.on_text("SECOND");
    const auto second = model.on_key(GuardKey::enter, status);
    REQUIRE(second);
    CHECK(second->text == "SECOND");
}

TEST_CASE("Backspace and Escape edit and abandon a typed line", "[screen][model]") {
    const GateStatus status = two_supervisors();
    ScreenModel model(3, 2);
    model.on_text("ABCX");
    (void)model.on_key(GuardKey::backspace, status);
    const auto r = model.on_key(GuardKey::enter, status);
    REQUIRE(r);
    CHECK(r->text == "ABC");
    model.on_text("HALF A LINE");
    (void)model.on_key(GuardKey::escape, status);
    CHECK_FALSE(model.on_key(GuardKey::enter, status));
}

TEST_CASE("An overlong line is dropped, never submitted cut short", "[screen][model]") {
    const GateStatus status = two_supervisors();
    ScreenModel model(3, 2);
    const std::string chunk(1000, 'A');
    for (std::size_t typed = 0; typed <= ScreenModel::kMaxTyped; typed += chunk.size())
        model.on_text(chunk);
    model.on_text("TAIL"); // fits again after the dropped chunk: still part of the overlong line
    CHECK_FALSE(model.on_key(GuardKey::enter, status));
    // The next line is read normally.
    model.on_text("NEXT");
    const auto next = model.on_key(GuardKey::enter, status);
    REQUIRE(next);
    CHECK(next->text == "NEXT");
    // Exactly the maximum is still a line.
    model.on_text(std::string(ScreenModel::kMaxTyped, 'B'));
    const auto full = model.on_key(GuardKey::enter, status);
    REQUIRE(full);
    CHECK(full->text.size() == ScreenModel::kMaxTyped);
    // One more character is not.
    model.on_text(std::string(ScreenModel::kMaxTyped, 'C'));
    model.on_text("C");
    CHECK_FALSE(model.on_key(GuardKey::enter, status));
}

TEST_CASE("The override key opens the PIN pad over an overridable denial", "[screen][model]") {
    GateStatus status = two_supervisors();
    status.override_possible = true;
    ScreenModel model(3, 2);
    model.on_result(verdict_result(Verdict::denied, 6000), 1000);
    REQUIRE(model.mode() == ScreenMode::verdict);
    CHECK_FALSE(model.on_key(GuardKey::override, status));
    CHECK(model.pin_pad_open());
    CHECK(model.mode() == ScreenMode::pin_pad);
    CHECK(model.pin_pad().purpose == PinPurpose::override_denial);
    CHECK(model.pin_pad().supervisor == 0);
    CHECK_FALSE(model.pin_pad().checking);
    CHECK(model.pin_pad().message_key.empty());
    CHECK(model.pin_length() == 0);
}

TEST_CASE("Without an overridable denial the pad says there is nothing to override",
          "[screen][model]") {
    const GateStatus status = two_supervisors(); // override_possible false
    ScreenModel model(3, 2);
    (void)model.on_key(GuardKey::override, status);
    REQUIRE(model.pin_pad_open());
    CHECK(model.pin_pad().message_key == "pin.nothing");
    // A kiosk without supervisors has no pad at all.
    ScreenModel nobody(3, 0);
    (void)nobody.on_key(GuardKey::override, status);
    CHECK_FALSE(nobody.pin_pad_open());
}

TEST_CASE("PIN digits come from the pad's buttons and from the keyboard", "[screen][model]") {
    GateStatus status = two_supervisors();
    status.override_possible = true;
    ScreenModel model(3, 2);
    // Digit buttons do nothing while the pad is closed.
    model.on_digit('1');
    CHECK(model.pin_length() == 0);
    (void)model.on_key(GuardKey::override, status);
    REQUIRE(model.pin_pad_open());
    model.on_digit('2');
    model.on_digit('4');
    CHECK(model.pin_length() == 2);
    model.on_text("6");
    model.on_text("81");
    CHECK(model.pin_length() == 5);
    model.on_digit('x'); // not a digit
    CHECK(model.pin_length() == 5);
    (void)model.on_key(GuardKey::backspace, status);
    CHECK(model.pin_length() == 4);
    model.on_digit('1');
    model.on_digit('0');
    for (int i = 0; i < 20; ++i)
        model.on_digit('9');
    CHECK(model.pin_length() == ScreenModel::kMaxPinDigits);
}

TEST_CASE("Enter on the pad asks for a PIN check for the chosen supervisor", "[screen][model]") {
    GateStatus status = two_supervisors();
    status.override_possible = true;
    ScreenModel model(3, 2);

    SECTION("the first supervisor by default") {
        (void)model.on_key(GuardKey::override, status);
        for (const char c : std::string("246810"))
            model.on_digit(c);
        const auto r = model.on_key(GuardKey::enter, status);
        REQUIRE(r);
        CHECK(r->kind == ScreenRequest::Kind::pin);
        CHECK(r->purpose == PinPurpose::override_denial);
        CHECK(r->text == "duty_officer");
        CHECK(r->pin == "246810");
        CHECK(model.pin_pad().checking);
        CHECK(model.pin_pad_open());
        CHECK(model.pin_length() == 0); // the typed PIN is gone from the model
        // Nothing more is sent while the check runs.
        model.on_digit('1');
        CHECK(model.pin_length() == 0);
        model.on_text("135790");
        CHECK_FALSE(model.on_key(GuardKey::enter, status));
        // Escape does not abandon a check under way.
        (void)model.on_key(GuardKey::escape, status);
        CHECK(model.pin_pad_open());
    }
    SECTION("Tab moves to the next supervisor and wraps") {
        (void)model.on_key(GuardKey::override, status);
        (void)model.on_key(GuardKey::tab, status);
        CHECK(model.pin_pad().supervisor == 1);
        model.on_text("135790");
        const auto r = model.on_key(GuardKey::enter, status);
        REQUIRE(r);
        CHECK(r->text == "deputy_officer");
        CHECK(r->pin == "135790");
        model.on_result(pin_result(PinPurpose::override_denial, PinCheck::wrong), 0);
        (void)model.on_key(GuardKey::tab, status);
        CHECK(model.pin_pad().supervisor == 0);
    }
    SECTION("a supervisor button chooses directly; an unknown index changes nothing") {
        (void)model.on_key(GuardKey::override, status);
        model.on_supervisor(1);
        CHECK(model.pin_pad().supervisor == 1);
        model.on_supervisor(7);
        CHECK(model.pin_pad().supervisor == 1);
        model.on_digit('5');
        const auto r = model.on_key(GuardKey::enter, status);
        REQUIRE(r);
        CHECK(r->text == "deputy_officer");
    }
    SECTION("Enter with no digit asks for nothing") {
        (void)model.on_key(GuardKey::override, status);
        CHECK_FALSE(model.on_key(GuardKey::enter, status));
        CHECK(model.pin_pad_open());
        CHECK_FALSE(model.pin_pad().checking);
    }
}

TEST_CASE("A badge scanned while the override pad is open is decided and closes the pad",
          "[screen][model]") {
    GateStatus status = two_supervisors();
    status.override_possible = true;
    ScreenModel model(3, 2);
    (void)model.on_key(GuardKey::override, status);
    REQUIRE(model.pin_pad_open());
    model.on_text(kBadge);
    const auto r = model.on_key(GuardKey::enter, status);
    REQUIRE(r);
    CHECK(r->kind == ScreenRequest::Kind::scan);
    CHECK(r->text == kBadge);
    CHECK(r->pin.empty());
    CHECK_FALSE(model.pin_pad_open());
    CHECK(model.mode() == ScreenMode::waiting);
}

TEST_CASE("A wrong PIN keeps the pad open and says so; an accepted one closes it",
          "[screen][model]") {
    GateStatus status = two_supervisors();
    status.override_possible = true;
    ScreenModel model(3, 2);
    model.on_result(verdict_result(Verdict::denied, 6000), 0);
    (void)model.on_key(GuardKey::override, status);
    model.on_text("111111");
    REQUIRE(model.on_key(GuardKey::enter, status));
    model.on_result(pin_result(PinPurpose::override_denial, PinCheck::wrong), 100);
    CHECK(model.pin_pad_open());
    CHECK_FALSE(model.pin_pad().checking);
    CHECK(model.pin_pad().message_key == "pin.wrong");
    CHECK(model.pin_length() == 0);

    for (const auto& [result, key] : {std::pair{PinCheck::not_possible, "pin.not_possible"},
                                      std::pair{PinCheck::nothing_to_override, "pin.nothing"}}) {
        model.on_text("1");
        REQUIRE(model.on_key(GuardKey::enter, status));
        model.on_result(pin_result(PinPurpose::override_denial, result), 200);
        CHECK(model.pin_pad_open());
        CHECK(model.pin_pad().message_key == key);
    }

    // The wrong PIN that starts a wait, and an attempt refused during it, both say how long.
    for (const auto result : {PinCheck::wrong, PinCheck::must_wait}) {
        model.on_text("222222");
        REQUIRE(model.on_key(GuardKey::enter, status));
        WorkerResult slowed = pin_result(PinPurpose::override_denial, result);
        slowed.wait_seconds = 30;
        model.on_result(slowed, 250);
        CHECK(model.pin_pad_open());
        CHECK(model.pin_pad().message_key == "pin.throttled");
        CHECK(model.pin_pad().message_arg == "30");
    }

    model.on_text("246810");
    const auto r = model.on_key(GuardKey::enter, status);
    REQUIRE(r);
    CHECK(model.pin_pad().message_key.empty()); // the old message goes with a new attempt
    WorkerResult accepted = pin_result(PinPurpose::override_denial, PinCheck::accepted);
    accepted.verdict = verdict_result(Verdict::granted, 3000).verdict;
    accepted.verdict->title_key = "verdict.override";
    model.on_result(accepted, 300);
    CHECK_FALSE(model.pin_pad_open());
    CHECK(model.mode() == ScreenMode::verdict);
    REQUIRE(model.verdict());
    CHECK(model.verdict()->title_key == "verdict.override");
}

TEST_CASE("Escape cancels the PIN pad and forgets the digits", "[screen][model]") {
    GateStatus status = two_supervisors();
    status.override_possible = true;
    ScreenModel model(3, 2);
    model.on_result(verdict_result(Verdict::denied, 6000), 0);
    (void)model.on_key(GuardKey::override, status);
    model.on_digit('2');
    model.on_digit('4');
    CHECK_FALSE(model.on_key(GuardKey::escape, status));
    CHECK_FALSE(model.pin_pad_open());
    CHECK(model.mode() == ScreenMode::verdict);
    CHECK(model.pin_length() == 0);
    CHECK_FALSE(model.on_key(GuardKey::enter, status));
}

TEST_CASE("Locking clears the verdict and ignores scans; only a supervisor's PIN unlocks",
          "[screen][model]") {
    GateStatus status = two_supervisors();
    status.exit_mode_allowed = true;
    status.override_possible = true;
    ScreenModel model(3, 2);
    model.on_result(verdict_result(Verdict::granted, 3000), 0);
    REQUIRE(model.verdict());

    const auto lock = model.on_key(GuardKey::lock, status);
    REQUIRE(lock);
    CHECK(lock->kind == ScreenRequest::Kind::lock);
    CHECK(lock->flag);
    CHECK(model.locked());
    CHECK(model.mode() == ScreenMode::locked);
    CHECK_FALSE(model.verdict());

    // Nobody is at the gate: scans, overrides and exit mode are not asked for.
    model.on_text(kBadge);
    CHECK_FALSE(model.on_key(GuardKey::enter, status));
    CHECK_FALSE(model.on_key(GuardKey::exit_mode, status));
    (void)model.on_key(GuardKey::override, status);
    CHECK_FALSE(model.pin_pad_open());
    CHECK(model.mode() == ScreenMode::locked);

    // The lock key again opens the unlock pad, not an unlock.
    CHECK_FALSE(model.on_key(GuardKey::lock, status));
    CHECK(model.locked());
    REQUIRE(model.pin_pad_open());
    CHECK(model.pin_pad().purpose == PinPurpose::unlock);
    CHECK(model.mode() == ScreenMode::pin_pad);

    // A badge scanned on the unlock pad is still not decided, and the pad stays.
    model.on_text(kBadge);
    CHECK_FALSE(model.on_key(GuardKey::enter, status));
    CHECK(model.pin_pad_open());

    model.on_text("999999");
    const auto wrong = model.on_key(GuardKey::enter, status);
    REQUIRE(wrong);
    CHECK(wrong->kind == ScreenRequest::Kind::pin);
    CHECK(wrong->purpose == PinPurpose::unlock);
    model.on_result(pin_result(PinPurpose::unlock, PinCheck::wrong), 100);
    CHECK(model.locked());
    CHECK(model.pin_pad().message_key == "pin.wrong");

    model.on_text("246810");
    const auto right = model.on_key(GuardKey::enter, status);
    REQUIRE(right);
    CHECK(right->purpose == PinPurpose::unlock);
    CHECK(right->text == "duty_officer");
    model.on_result(pin_result(PinPurpose::unlock, PinCheck::accepted), 200);
    CHECK_FALSE(model.locked());
    CHECK_FALSE(model.pin_pad_open());
    CHECK(model.mode() == ScreenMode::waiting);

    // Unlocked, scans are asked for again.
    model.on_text(kBadge);
    const auto scan = model.on_key(GuardKey::enter, status);
    REQUIRE(scan);
    CHECK(scan->kind == ScreenRequest::Kind::scan);
}

TEST_CASE("Escape on the unlock pad leaves the gate locked", "[screen][model]") {
    const GateStatus status = two_supervisors();
    ScreenModel model(3, 2);
    REQUIRE(model.on_key(GuardKey::lock, status));
    (void)model.on_key(GuardKey::lock, status);
    REQUIRE(model.pin_pad_open());
    (void)model.on_key(GuardKey::escape, status);
    CHECK_FALSE(model.pin_pad_open());
    CHECK(model.locked());
    CHECK(model.mode() == ScreenMode::locked);
}

TEST_CASE("The exit-mode key asks to switch only where the gate allows it", "[screen][model]") {
    GateStatus status = two_supervisors();
    ScreenModel model(3, 2);
    status.exit_mode_allowed = false;
    CHECK_FALSE(model.on_key(GuardKey::exit_mode, status));
    status.exit_mode_allowed = true;
    for (const bool current : {false, true}) {
        status.exit_mode = current;
        const auto r = model.on_key(GuardKey::exit_mode, status);
        REQUIRE(r);
        CHECK(r->kind == ScreenRequest::Kind::exit_mode);
        CHECK(r->flag == !current);
    }
    // Not from the PIN pad.
    (void)model.on_key(GuardKey::override, status);
    REQUIRE(model.pin_pad_open());
    CHECK_FALSE(model.on_key(GuardKey::exit_mode, status));
}

TEST_CASE("The screenshot key asks for a screenshot", "[screen][model]") {
    const GateStatus status = two_supervisors();
    ScreenModel model(3, 2);
    const auto r = model.on_key(GuardKey::screenshot, status);
    REQUIRE(r);
    CHECK(r->kind == ScreenRequest::Kind::screenshot);
}

TEST_CASE("A verdict is shown, announced once, and held for its time", "[screen][model]") {
    const GateStatus status = two_supervisors();
    ScreenModel model(3, 2);
    CHECK(model.mode() == ScreenMode::waiting);
    CHECK_FALSE(model.take_new_verdict());
    model.on_result(verdict_result(Verdict::granted, 3000), 10'000);
    CHECK(model.mode() == ScreenMode::verdict);
    REQUIRE(model.verdict());
    CHECK(model.verdict()->kind == Verdict::granted);
    CHECK(model.take_new_verdict());
    CHECK_FALSE(model.take_new_verdict());
    model.tick(12'999);
    CHECK(model.mode() == ScreenMode::verdict);
    model.tick(13'000);
    CHECK(model.mode() == ScreenMode::waiting);
    CHECK_FALSE(model.verdict());

    // A newer verdict replaces the shown one and restarts its time.
    model.on_result(verdict_result(Verdict::granted, 3000), 20'000);
    model.on_result(verdict_result(Verdict::denied, 6000), 21'000);
    CHECK(model.take_new_verdict());
    CHECK(model.verdict()->kind == Verdict::denied);
    model.tick(26'999);
    CHECK(model.mode() == ScreenMode::verdict);
    model.tick(27'000);
    CHECK(model.mode() == ScreenMode::waiting);
}

TEST_CASE("A verdict stays while the PIN pad is open over it", "[screen][model]") {
    GateStatus status = two_supervisors();
    status.override_possible = true;
    ScreenModel model(3, 2);
    model.on_result(verdict_result(Verdict::denied, 6000), 0);
    (void)model.on_key(GuardKey::override, status);
    model.tick(60'000);
    REQUIRE(model.verdict());
    CHECK(model.mode() == ScreenMode::pin_pad);
    (void)model.on_key(GuardKey::escape, status);
    CHECK(model.mode() == ScreenMode::verdict);
    model.tick(60'001);
    CHECK(model.mode() == ScreenMode::waiting);
}

TEST_CASE("A new decision while overriding the last one closes the override pad",
          "[screen][model]") {
    GateStatus status = two_supervisors();
    status.override_possible = true;
    ScreenModel model(3, 2);
    model.on_result(verdict_result(Verdict::denied, 6000), 0);
    (void)model.on_key(GuardKey::override, status);
    model.on_digit('2');
    REQUIRE(model.pin_pad_open());
    model.on_result(verdict_result(Verdict::granted, 3000), 500);
    CHECK_FALSE(model.pin_pad_open());
    CHECK(model.mode() == ScreenMode::verdict);
    CHECK(model.verdict()->kind == Verdict::granted);
    CHECK(model.pin_length() == 0);
}

TEST_CASE("The starting language can be set, within the languages there are", "[screen][model]") {
    const GateStatus status = two_supervisors();
    ScreenModel model(3, 2);
    model.set_language(2);
    CHECK(model.language() == 2);
    (void)model.on_key(GuardKey::language, status);
    CHECK(model.language() == 0);
    model.set_language(4); // beyond the last: wraps rather than indexing past the strings
    CHECK(model.language() < 3);
}

TEST_CASE("Too many PIN digits typed on the keyboard are not sent anywhere as a scan",
          "[screen][model]") {
    // A supervisor's PIN typed with extra digits (a key held down, the PIN typed twice and a
    // bit) must not reach the worker as a scan: the engine would write those digits into the
    // entry log and the decision report as the scanned credential text.
    GateStatus status = two_supervisors();
    status.override_possible = true;
    ScreenModel model(3, 2);
    (void)model.on_key(GuardKey::override, status);
    REQUIRE(model.pin_pad_open());
    const std::string digits = "2468102468102"; // 13 digits, the PIN in them
    model.on_text(digits);
    const auto r = model.on_key(GuardKey::enter, status);
    if (r) {
        CHECK(r->kind != ScreenRequest::Kind::scan);
        CHECK(r->text.find("246810") == std::string::npos);
    }
    CHECK(model.pin_pad_open());
}

TEST_CASE("A PIN typed before opening the pad is not sent as a scan", "[screen][model]") {
    // A badge is never a short run of digits; a supervisor's PIN is. Decided as a scan it would
    // be stored in the entry log and printed as the scanned text.
    GateStatus status = two_supervisors();
    ScreenModel model(3, 2);
    model.on_text("246810");
    CHECK_FALSE(model.on_key(GuardKey::enter, status).has_value());
    model.on_text("AC1:246810");
    const auto scan = model.on_key(GuardKey::enter, status);
    REQUIRE(scan.has_value());
    CHECK(scan->kind == ScreenRequest::Kind::scan);
    CHECK(scan->text == "AC1:246810");
    model.on_text("1234567890123"); // longer than any PIN: a scanner's line, decided (malformed)
    const auto long_line = model.on_key(GuardKey::enter, status);
    REQUIRE(long_line.has_value());
    CHECK(long_line->kind == ScreenRequest::Kind::scan);
}
