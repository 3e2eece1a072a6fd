// Where the manual lookup puts its targets: the bar's F6 button only where the gate allows a
// lookup, and the panel's keys, results and supervisors inside the panel, apart and touchable, at
// every supported window size.
#include "kiosk/screen/manual_lookup_layout.h"

#include <catch2/catch.hpp>

using namespace accred;

namespace {

const ManualLookupModel::Supervisors kSupervisors = {{"duty_officer", "Security duty officer"},
                                                     {"deputy_officer", "Deputy duty officer"}};

GateStatus lookup_gate(bool allowed) {
    GateStatus s;
    s.supervisors = kSupervisors;
    s.lookup_allowed = allowed;
    return s;
}

bool inside(const Rect& in, const Rect& outer) {
    return in.x >= outer.x && in.y >= outer.y && in.x + in.w <= outer.x + outer.w &&
           in.y + in.h <= outer.y + outer.h;
}

bool overlap(const Rect& a, const Rect& b) {
    return a.x < b.x + b.w && b.x < a.x + a.w && a.y < b.y + b.h && b.y < a.y + a.h;
}

void check_targets(const LookupPanelLayout& p) {
    for (std::size_t i = 0; i < p.buttons.size(); ++i) {
        CAPTURE(i, p.buttons[i].text, p.buttons[i].label_key);
        CHECK(inside(p.buttons[i].rect, p.panel));
        CHECK(p.buttons[i].rect.h >= 30); // a fingertip at 800x480
        for (std::size_t j = i + 1; j < p.buttons.size(); ++j)
            CHECK_FALSE(overlap(p.buttons[i].rect, p.buttons[j].rect));
    }
}

ManualLookupModel with_results(std::size_t n) {
    ManualLookupModel m;
    m.open(true);
    (void)m.on_text("a");
    LookupAnswer a;
    a.query = "a";
    for (std::size_t i = 0; i < n; ++i)
        a.hits.push_back(LookupHit{"H" + std::to_string(i), "Name", "", {}, "", ""});
    m.on_answer(a);
    return m;
}

} // namespace

TEST_CASE("the bar offers the lookup only where the gate allows it", "[lookup]") {
    const ScreenModel model(3, 2);
    const ScreenLayout l = layout_for(800, 480);
    const auto has_lookup = [&](bool allowed) {
        for (const auto& b : bar_buttons(l, lookup_gate(allowed), model))
            if (b.key == GuardKey::lookup) return b.label_key == "button.lookup";
        return false;
    };
    CHECK(has_lookup(true));
    CHECK_FALSE(has_lookup(false)); // manual_lookup = "off"
}

TEST_CASE("the panel's targets lie inside it, apart, at every size", "[lookup]") {
    const std::pair<int, int> sizes[] = {{800, 480}, {1024, 600}, {1280, 800}, {1920, 1080}};
    for (const auto& [w, h] : sizes) {
        CAPTURE(w, h);
        const ScreenLayout l = layout_for(w, h);
        ManualLookupModel search = with_results(ManualLookupModel::kMaxResults);
        const LookupPanelLayout p = lookup_panel_layout(l, search, lookup_gate(true));
        CHECK(inside(p.panel, l.main));
        REQUIRE(p.rows.size() == ManualLookupModel::kMaxResults);
        CHECK(p.rows.back().y + p.rows.back().h <= p.message.y);
        check_targets(p);
        std::size_t characters = 0;
        for (const auto& b : p.buttons)
            characters += b.kind == LookupButton::Kind::character;
        CHECK(characters == 41); // 40 keys and the space bar

        (void)search.on_pick(2, kSupervisors);
        REQUIRE(search.stage() == LookupStage::pin);
        const LookupPanelLayout pin = lookup_panel_layout(l, search, lookup_gate(true));
        check_targets(pin);
        std::size_t supervisors = 0;
        for (const auto& b : pin.buttons)
            supervisors += b.kind == LookupButton::Kind::supervisor;
        CHECK(supervisors == 2);
        CHECK(pin.dots.y >= pin.field.y + pin.field.h);
    }
}

TEST_CASE("touching a result hits that result", "[lookup]") {
    const ScreenLayout l = layout_for(1280, 720);
    ManualLookupModel m = with_results(3);
    const LookupPanelLayout p = lookup_panel_layout(l, m, lookup_gate(true));
    REQUIRE(p.rows.size() == 3);
    const Rect r = p.rows[1];
    const LookupButton* b = hit_lookup_button(p.buttons, r.x + r.w / 2, r.y + r.h / 2);
    REQUIRE(b);
    CHECK(b->kind == LookupButton::Kind::result);
    CHECK(b->index == 1);
}
