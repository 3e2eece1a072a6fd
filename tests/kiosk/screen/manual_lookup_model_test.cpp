// The manual lookup panel's state, driven as a guard would: typing a name, the worker's results
// (and stale ones), choosing with arrows or a touch, the supervisor's PIN, refusals and cancel.
#include "kiosk/screen/manual_lookup_model.h"

#include <catch2/catch.hpp>

using namespace accred;

namespace {

const ManualLookupModel::Supervisors kSupervisors = {{"duty_officer", "Security duty officer"},
                                                     {"deputy_officer", "Deputy duty officer"}};

LookupAnswer found(const std::string& query, std::vector<std::string> holders) {
    LookupAnswer a;
    a.query = query;
    for (auto& h : holders)
        a.hits.push_back(LookupHit{h, "Name of " + h, "UN", {}, "#FFFFFF", {}});
    return a;
}

} // namespace

TEST_CASE("typing searches, and only the answer to the current query is shown", "[lookup]") {
    ManualLookupModel m;
    REQUIRE_FALSE(m.is_open());
    REQUIRE_FALSE(m.on_text("b")); // closed: nothing typed goes anywhere
    m.open(true);
    auto a1 = m.on_text("B");
    REQUIRE(a1);
    CHECK(a1->kind == LookupAction::Kind::search);
    CHECK(a1->query == "B");
    auto a2 = m.on_text("an");
    REQUIRE(a2);
    CHECK(a2->query == "Ban");
    m.on_answer(found("B", {"M001", "M002"})); // stale: typed on since
    CHECK(m.hits().empty());
    m.on_answer(found("Ban", {"P002"}));
    REQUIRE(m.hits().size() == 1);
    CHECK(m.hits()[0].holder == "P002");
    auto back = m.on_key(LookupKey::backspace, kSupervisors);
    REQUIRE(back);
    CHECK(back->query == "Ba");
    m.on_answer(found("Ba", {}));
    CHECK(m.message_key() == "lookup.none");
    LookupAnswer unreadable = found("Ba", {});
    unreadable.error = "the bundle store cannot be read";
    m.on_answer(unreadable);
    CHECK(m.message_key() == "lookup.error");
    CHECK(m.message_arg() == unreadable.error);
}

TEST_CASE("backspace removes a whole accented character; an empty query clears the list",
          "[lookup]") {
    ManualLookupModel m;
    m.open(false);
    (void)m.on_text("Jos\xC3\xA9");
    (void)m.on_key(LookupKey::backspace, kSupervisors);
    CHECK(m.query() == "Jos");
    m.on_answer(found("Jos", {"A1"}));
    CHECK(m.hits().size() == 1);
    for (int i = 0; i < 3; ++i)
        (void)m.on_key(LookupKey::backspace, kSupervisors);
    CHECK(m.query().empty());
    CHECK(m.hits().empty());
}

TEST_CASE("results are capped, arrows select, Enter at an open gate asks for the decision",
          "[lookup]") {
    ManualLookupModel m;
    m.open(false);
    (void)m.on_text("a");
    m.on_answer(found("a", {"A1", "A2", "A3", "A4", "A5", "A6", "A7", "A8"}));
    CHECK(m.hits().size() == ManualLookupModel::kMaxResults);
    (void)m.on_key(LookupKey::up, kSupervisors);
    CHECK(m.selected() == 0);
    for (int i = 0; i < 10; ++i)
        (void)m.on_key(LookupKey::down, kSupervisors);
    CHECK(m.selected() == 5);
    (void)m.on_key(LookupKey::up, kSupervisors);
    auto d = m.on_key(LookupKey::enter, kSupervisors);
    REQUIRE(d);
    CHECK(d->kind == LookupAction::Kind::decide);
    CHECK(d->request.holder == "A5");
    CHECK(d->request.supervisor_id.empty());
    CHECK(m.checking());
    CHECK_FALSE(m.on_text("x")); // nothing typed while the decision is under way
}

TEST_CASE("a PIN gate: pick, choose the supervisor, type the PIN, send it", "[lookup]") {
    ManualLookupModel m;
    m.open(true);
    (void)m.on_text("ban");
    m.on_answer(found("ban", {"P001", "P002"}));
    CHECK_FALSE(m.on_pick(1, kSupervisors)); // no decision yet: the PIN first
    REQUIRE(m.stage() == LookupStage::pin);
    REQUIRE(m.picked());
    CHECK(m.picked()->holder == "P002");
    (void)m.on_key(LookupKey::tab, kSupervisors);
    CHECK(m.supervisor() == 1);
    m.on_supervisor(5, kSupervisors.size()); // no such supervisor: unchanged
    m.on_supervisor(0, kSupervisors.size());
    CHECK_FALSE(m.on_key(LookupKey::enter, kSupervisors)); // no digits: nothing sent
    (void)m.on_text("12a34");
    CHECK(m.pin_length() == 4); // digits only
    (void)m.on_key(LookupKey::backspace, kSupervisors);
    (void)m.on_text("4");
    auto d = m.on_key(LookupKey::enter, kSupervisors);
    REQUIRE(d);
    CHECK(d->kind == LookupAction::Kind::decide);
    CHECK(d->request.holder == "P002");
    CHECK(d->request.supervisor_id == "duty_officer");
    CHECK(d->request.pin == "1234");
    CHECK(m.pin_length() == 0); // the model keeps no copy
    CHECK(m.checking());
}

TEST_CASE("a wrong PIN says so and lets the guard try again; escape steps back then closes",
          "[lookup]") {
    ManualLookupModel m;
    m.open(true);
    (void)m.on_text("ban");
    m.on_answer(found("ban", {"P002"}));
    (void)m.on_key(LookupKey::enter, kSupervisors);
    (void)m.on_text("9999");
    REQUIRE(m.on_key(LookupKey::enter, kSupervisors));
    m.on_answer(found("ban", {"X"})); // a late search answer does not end the check
    CHECK(m.checking());
    LookupAnswer wrong;
    wrong.pin = PinCheck::wrong;
    m.on_answer(wrong);
    CHECK_FALSE(m.checking());
    CHECK(m.message_key() == "pin.wrong");
    LookupAnswer wait;
    (void)m.on_text("1");
    REQUIRE(m.on_key(LookupKey::enter, kSupervisors));
    wait.pin = PinCheck::must_wait;
    wait.wait_seconds = 30;
    m.on_answer(wait);
    CHECK(m.message_key() == "pin.throttled");
    CHECK(m.message_arg() == "30");
    (void)m.on_key(LookupKey::escape, kSupervisors);
    CHECK(m.stage() == LookupStage::search);
    CHECK(m.hits().size() == 1); // back to the same list
    (void)m.on_key(LookupKey::escape, kSupervisors);
    CHECK_FALSE(m.is_open());
    CHECK(m.query().empty());
}

TEST_CASE("a PIN gate without supervisors cannot decide; the engine's refusal is shown",
          "[lookup]") {
    ManualLookupModel m;
    m.open(true);
    (void)m.on_text("a");
    m.on_answer(found("a", {"A1"}));
    CHECK_FALSE(m.on_key(LookupKey::enter, {}));
    CHECK(m.stage() == LookupStage::search);
    CHECK(m.message_key() == "lookup.no_supervisor");
    m.open(false);
    (void)m.on_text("a");
    m.on_answer(found("a", {"A1"}));
    REQUIRE(m.on_pick(0, {}));
    LookupAnswer refused;
    refused.error = "this gate does not allow manual lookup";
    m.on_answer(refused);
    CHECK_FALSE(m.checking());
    CHECK(m.message_key() == "lookup.error");
    CHECK(m.message_arg() == refused.error);
}

TEST_CASE("a scanner's badge line typed into the open panel goes to the scan", "[lookup]") {
    const std::string line = "AC1:RRQT 9P60GO0LCTB*5FZB1";
    // On the search stage, one character at a time as a keyboard wedge types, after a name the
    // guard had begun: the panel closes at the prefix and hands over the line from there.
    ManualLookupModel m;
    m.open(true);
    (void)m.on_text("ok");
    std::optional<LookupAction> handed;
    std::size_t typed = 0;
    for (; typed < line.size() && !handed; ++typed) {
        auto a = m.on_text(line.substr(typed, 1));
        if (a && a->kind != LookupAction::Kind::search) handed = a;
    }
    REQUIRE(handed);
    CHECK(handed->kind == LookupAction::Kind::scan);
    CHECK(handed->query == "AC1:");
    CHECK(typed == 4);
    CHECK_FALSE(m.is_open());
    CHECK(m.query().empty());
    CHECK_FALSE(m.on_text(line.substr(typed))); // the rest is the scan path's, not the panel's

    // On the PIN stage: the "1" of the prefix never joins the PIN, and nothing is sent as one.
    m.open(true);
    (void)m.on_text("ban");
    m.on_answer(found("ban", {"P001"}));
    (void)m.on_pick(0, kSupervisors);
    REQUIRE(m.stage() == LookupStage::pin);
    (void)m.on_text("9");
    auto a = m.on_text("A");
    CHECK_FALSE(a);
    CHECK_FALSE(m.on_text("C"));
    CHECK_FALSE(m.on_text("1"));
    CHECK(m.pin_length() == 1);
    a = m.on_text(":");
    REQUIRE(a);
    CHECK(a->kind == LookupAction::Kind::scan);
    CHECK(a->query == "AC1:");
    CHECK_FALSE(m.is_open());
    CHECK(m.pin_length() == 0);

    // A letter typed by mistake among the PIN's digits is only dropped, as before.
    m.open(true);
    (void)m.on_text("ban");
    m.on_answer(found("ban", {"P001"}));
    (void)m.on_pick(0, kSupervisors);
    (void)m.on_text("A12C3");
    CHECK(m.pin_length() == 3);
    CHECK(m.is_open());

    // Text comes in pieces of up to 32 bytes: a piece holding the prefix hands over all of its
    // rest, on either stage, even after a long name that leaves no room in the query.
    m.close();
    m.open(true);
    (void)m.on_text(std::string(60, 'x'));
    auto piece = m.on_text("zAC1:RRQT 9P60GO0LCTB*5FZB1+G8CK");
    REQUIRE(piece);
    CHECK(piece->kind == LookupAction::Kind::scan);
    CHECK(piece->query == "AC1:RRQT 9P60GO0LCTB*5FZB1+G8CK");
    m.open(true);
    (void)m.on_text("ban");
    m.on_answer(found("ban", {"P001"}));
    (void)m.on_pick(0, kSupervisors);
    piece = m.on_text("4AC1:RRQT 9P60");
    REQUIRE(piece);
    CHECK(piece->kind == LookupAction::Kind::scan);
    CHECK(piece->query == "AC1:RRQT 9P60");

    // Names that merely start like the prefix are searched.
    m.close();
    m.open(false);
    auto s = m.on_text("AC1");
    REQUIRE(s);
    CHECK(s->kind == LookupAction::Kind::search);
    CHECK(m.is_open());
}
