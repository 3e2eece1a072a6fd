// The screen's layout from 800x480 to 4K: the bars and the main area tile the window, text grows
// with the window but never below a legible size, the guard's buttons stay inside their bar
// without overlapping, the verdict's reason, action, also-line and card keep apart, and the PIN
// pad's digits are hit where they are drawn (and not when disabled).
#include "kiosk/screen/screen_layout.h"

#include <algorithm>
#include <catch2/catch.hpp>
#include <cstdlib>
#include <iterator>
#include <utility>
#include <vector>

using namespace accred;

namespace {

const std::pair<int, int> kSizes[] = {{800, 480}, {1280, 720}, {1920, 1080}, {3840, 2160}};

bool overlap(const Rect& a, const Rect& b) {
    return a.x < b.x + b.w && b.x < a.x + a.w && a.y < b.y + b.h && b.y < a.y + a.h;
}

bool inside(const Rect& inner, const Rect& outer) {
    return inner.x >= outer.x && inner.y >= outer.y && inner.x + inner.w <= outer.x + outer.w &&
           inner.y + inner.h <= outer.y + outer.h;
}

GateStatus status_with_supervisors() {
    GateStatus s;
    s.supervisors = {{"duty_officer", "Security duty officer"},
                     {"deputy_officer", "Deputy duty officer"}};
    return s;
}

const ScreenButton* find_key(const std::vector<ScreenButton>& buttons, GuardKey key) {
    for (const auto& b : buttons)
        if (b.target == ScreenButton::Target::key && b.key == key) return &b;
    return nullptr;
}

void check_no_overlap(const std::vector<ScreenButton>& buttons) {
    for (std::size_t i = 0; i < buttons.size(); ++i)
        for (std::size_t j = i + 1; j < buttons.size(); ++j) {
            CAPTURE(i, j, buttons[i].label_key, buttons[i].label, buttons[j].label_key,
                    buttons[j].label);
            CHECK_FALSE(overlap(buttons[i].rect, buttons[j].rect));
        }
}

// Opens the override PIN pad of a model (two supervisors).
ScreenModel model_with_pad(const GateStatus& status) {
    ScreenModel model(3, status.supervisors.size());
    (void)model.on_key(GuardKey::override, status);
    REQUIRE(model.pin_pad_open());
    return model;
}

} // namespace

TEST_CASE("Status bar, main area and buttons bar tile the window's height exactly",
          "[screen][layout]") {
    for (const auto& [w, h] : kSizes) {
        CAPTURE(w, h);
        const ScreenLayout l = layout_for(w, h);
        CHECK(l.width == w);
        CHECK(l.height == h);
        for (const Rect& r : {l.status_bar, l.main, l.buttons_bar}) {
            CHECK(r.x == 0);
            CHECK(r.w == w);
            CHECK(r.h > 0);
        }
        CHECK(l.status_bar.y == 0);
        CHECK(l.main.y == l.status_bar.y + l.status_bar.h);
        CHECK(l.buttons_bar.y == l.main.y + l.main.h);
        CHECK(l.buttons_bar.y + l.buttons_bar.h == h);
        CHECK_FALSE(overlap(l.status_bar, l.main));
        CHECK_FALSE(overlap(l.main, l.buttons_bar));
        // A fingertip's worth of button bar, and most of the window for the main area.
        CHECK(l.buttons_bar.h >= 56);
        CHECK(l.status_bar.h >= 28);
        CHECK(l.main.h > h / 2);
        // The main area's halves: live view beside instructions, signal beside details.
        for (const auto& [a, b] : {std::pair{l.live_view, l.instructions},
                                   std::pair{l.verdict_signal, l.verdict_details}}) {
            CHECK(inside(a, l.main));
            CHECK(inside(b, l.main));
            CHECK_FALSE(overlap(a, b));
            CHECK(a.w + b.w == l.main.w);
        }
    }
}

TEST_CASE("Text sizes grow with the window and never fall below the legible minimum",
          "[screen][layout]") {
    ScreenLayout previous;
    for (const auto& [w, h] : kSizes) {
        CAPTURE(w, h);
        const ScreenLayout l = layout_for(w, h);
        CHECK(l.title_px >= 28);
        CHECK(l.large_px >= 20);
        CHECK(l.body_px >= 15);
        CHECK(l.small_px >= 12);
        CHECK(l.title_px > l.large_px);
        CHECK(l.large_px > l.body_px);
        CHECK(l.body_px >= l.small_px);
        // The status bar's text fits its bar.
        CHECK(l.small_px < l.status_bar.h);
        if (previous.width > 0) {
            CHECK(l.title_px > previous.title_px);
            CHECK(l.large_px > previous.large_px);
            CHECK(l.body_px > previous.body_px);
            CHECK(l.small_px > previous.small_px);
        }
        previous = l;
    }
    // The status bar is read at arm's length: 18 px or more from 1280x800 up, 16 px at the
    // smallest, growing with the window, and always within its bar.
    CHECK(layout_for(1280, 800).status_px >= 18);
    CHECK(layout_for(800, 480).status_px >= 16);
    CHECK(layout_for(1920, 1080).status_px > layout_for(1280, 800).status_px);
    for (const auto& [w, h] : kSizes)
        CHECK(layout_for(w, h).status_px * 5 / 4 <= layout_for(w, h).status_bar.h);
    // 4K is twice 1080p: the text is twice as big, within rounding.
    const ScreenLayout hd = layout_for(1920, 1080);
    const ScreenLayout uhd = layout_for(3840, 2160);
    CHECK(std::abs(uhd.title_px - 2 * hd.title_px) <= 2);
    CHECK(std::abs(uhd.body_px - 2 * hd.body_px) <= 2);
}

TEST_CASE("The bar's buttons lie inside the bar and do not overlap", "[screen][layout]") {
    GateStatus status = status_with_supervisors();
    for (const bool exit_allowed : {false, true}) {
        status.exit_mode_allowed = exit_allowed;
        const ScreenModel model(3, status.supervisors.size());
        for (const auto& [w, h] : kSizes) {
            CAPTURE(w, h, exit_allowed);
            const ScreenLayout l = layout_for(w, h);
            const auto buttons = bar_buttons(l, status, model);
            REQUIRE(buttons.size() >= 4);
            for (const auto& b : buttons) {
                CAPTURE(b.label_key);
                CHECK(inside(b.rect, l.buttons_bar));
                CHECK(b.rect.w > 0);
                CHECK(b.rect.h >= 40); // touchable
                CHECK_FALSE(b.label_key.empty());
            }
            check_no_overlap(buttons);
        }
    }
}

TEST_CASE("The exit-mode button exists only where the gate allows exit mode", "[screen][layout]") {
    GateStatus status = status_with_supervisors();
    const ScreenModel model(3, 2);
    const ScreenLayout l = layout_for(1280, 720);
    status.exit_mode_allowed = false;
    CHECK(find_key(bar_buttons(l, status, model), GuardKey::exit_mode) == nullptr);
    status.exit_mode_allowed = true;
    const auto allowed = bar_buttons(l, status, model);
    const ScreenButton* exit = find_key(allowed, GuardKey::exit_mode);
    REQUIRE(exit != nullptr);
    CHECK(exit->enabled);
    CHECK(exit->label_key == "button.exit_mode");
    // In exit mode the same button switches back to entries.
    status.exit_mode = true;
    const auto buttons = bar_buttons(l, status, model);
    REQUIRE(find_key(buttons, GuardKey::exit_mode) != nullptr);
    CHECK(find_key(buttons, GuardKey::exit_mode)->label_key == "button.entry_mode");
}

TEST_CASE("Override is enabled only when the last denial may be overridden", "[screen][layout]") {
    GateStatus status = status_with_supervisors();
    ScreenModel model(3, 2);
    const ScreenLayout l = layout_for(800, 480);
    const auto without = bar_buttons(l, status, model);
    const ScreenButton* off = find_key(without, GuardKey::override);
    REQUIRE(off != nullptr);
    CHECK_FALSE(off->enabled);
    const Rect r = off->rect;
    CHECK(hit_button(without, r.x + r.w / 2, r.y + r.h / 2) == nullptr);

    status.override_possible = true;
    const auto with = bar_buttons(l, status, model);
    const ScreenButton* on = find_key(with, GuardKey::override);
    REQUIRE(on != nullptr);
    CHECK(on->enabled);
    const ScreenButton* hit =
        hit_button(with, on->rect.x + on->rect.w / 2, on->rect.y + on->rect.h / 2);
    REQUIRE(hit != nullptr);
    CHECK(hit->key == GuardKey::override);

    // Locked, nothing can be overridden (and the lock button offers to unlock).
    (void)model.on_key(GuardKey::lock, status);
    REQUIRE(model.locked());
    const auto locked = bar_buttons(l, status, model);
    CHECK_FALSE(find_key(locked, GuardKey::override)->enabled);
    REQUIRE(find_key(locked, GuardKey::lock) != nullptr);
    CHECK(find_key(locked, GuardKey::lock)->label_key == "button.unlock");
}

TEST_CASE("The PIN pad has ten digits, each hit at its centre", "[screen][layout]") {
    const GateStatus status = status_with_supervisors();
    for (const auto& [w, h] : kSizes) {
        CAPTURE(w, h);
        const ScreenLayout l = layout_for(w, h);
        const ScreenModel model = model_with_pad(status);
        Rect pad;
        const auto buttons = pin_pad_buttons(l, status, model, pad);
        CHECK(inside(pad, l.main));
        std::string digits;
        for (const auto& b : buttons) {
            CHECK(inside(b.rect, pad));
            if (b.target != ScreenButton::Target::digit) continue;
            digits += b.digit;
            CHECK(b.label == std::string(1, b.digit));
            CHECK(b.enabled);
            const ScreenButton* hit =
                hit_button(buttons, b.rect.x + b.rect.w / 2, b.rect.y + b.rect.h / 2);
            REQUIRE(hit != nullptr);
            CHECK(hit->target == ScreenButton::Target::digit);
            CHECK(hit->digit == b.digit);
        }
        std::sort(digits.begin(), digits.end());
        CHECK(digits == "0123456789");
        check_no_overlap(buttons);
        // Both supervisors can be chosen; the first is selected.
        std::size_t supervisors = 0;
        for (const auto& b : buttons)
            if (b.target == ScreenButton::Target::supervisor) {
                ++supervisors;
                CHECK(b.selected == (b.supervisor == 0));
                CHECK(b.label == status.supervisors[b.supervisor].second);
            }
        CHECK(supervisors == status.supervisors.size());
        // Cancel is always there; OK only once a digit is typed.
        REQUIRE(find_key(buttons, GuardKey::escape) != nullptr);
        CHECK(find_key(buttons, GuardKey::escape)->enabled);
        REQUIRE(find_key(buttons, GuardKey::enter) != nullptr);
        CHECK_FALSE(find_key(buttons, GuardKey::enter)->enabled);
    }
}

TEST_CASE("While a PIN is being checked the pad's digits are not hit", "[screen][layout]") {
    const GateStatus status = status_with_supervisors();
    ScreenModel model = model_with_pad(status);
    const ScreenLayout l = layout_for(1920, 1080);
    Rect pad;
    model.on_digit('4');
    const auto typing = pin_pad_buttons(l, status, model, pad);
    REQUIRE(find_key(typing, GuardKey::enter) != nullptr);
    CHECK(find_key(typing, GuardKey::enter)->enabled);

    REQUIRE(model.on_key(GuardKey::enter, status));
    REQUIRE(model.pin_pad().checking);
    const auto checking = pin_pad_buttons(l, status, model, pad);
    std::size_t digits = 0;
    for (const auto& b : checking) {
        if (b.target != ScreenButton::Target::digit) continue;
        ++digits;
        CHECK_FALSE(b.enabled);
        CHECK(hit_button(checking, b.rect.x + b.rect.w / 2, b.rect.y + b.rect.h / 2) == nullptr);
    }
    CHECK(digits == 10);
    CHECK_FALSE(find_key(checking, GuardKey::enter)->enabled);
    CHECK_FALSE(find_key(checking, GuardKey::escape)->enabled);
}

TEST_CASE("hit_button finds nothing outside every button", "[screen][layout]") {
    const GateStatus status = status_with_supervisors();
    const ScreenModel model(3, 2);
    const ScreenLayout l = layout_for(1280, 720);
    const auto buttons = bar_buttons(l, status, model);
    CHECK(hit_button(buttons, l.main.x + l.main.w / 2, l.main.y + l.main.h / 2) == nullptr);
    CHECK(hit_button(buttons, -1, -1) == nullptr);
    // The gap before the first button is not a button.
    CHECK(hit_button(buttons, l.buttons_bar.x, l.buttons_bar.y + l.buttons_bar.h / 2) == nullptr);
    const Rect first = buttons.front().rect;
    const ScreenButton* hit = hit_button(buttons, first.x, first.y);
    REQUIRE(hit != nullptr);
    CHECK(hit == &buttons.front());
    CHECK(hit_button(buttons, first.x + first.w, first.y + first.h) != &buttons.front());
}

TEST_CASE("The verdict's also-line has its own box, inside the window and clear of the others",
          "[screen][layout]") {
    std::vector<std::pair<int, int>> sizes(std::begin(kSizes), std::end(kSizes));
    sizes.emplace_back(1280, 800);
    for (const auto& [w, h] : sizes) {
        for (const bool holder : {true, false}) {
            CAPTURE(w, h, holder);
            const ScreenLayout l = layout_for(w, h);
            const Rect window{0, 0, w, h};
            const VerdictColumn c = verdict_column(l, true, holder, true);
            const Rect boxes[] = {c.reason, c.action, c.also, c.holder};
            for (const Rect& r : boxes) {
                CHECK(inside(r, l.verdict_details));
                CHECK(inside(r, window));
                CHECK_FALSE(overlap(r, l.verdict_signal));
                CHECK(r.h > 0);
            }
            for (std::size_t i = 0; i < 4; ++i)
                for (std::size_t j = i + 1; j < 4; ++j) {
                    CAPTURE(i, j);
                    CHECK_FALSE(overlap(boxes[i], boxes[j]));
                }
            // Under the reason and the instruction, at least two lines of body text, legible.
            CHECK(c.also.y >= c.action.y + c.action.h);
            CHECK(c.also.h >= 2 * l.body_px * 6 / 5);
            CHECK(l.body_px >= 15);
            // The holder's card keeps room to be drawn (draw_verdict wants 4 body lines).
            if (holder) CHECK(c.holder.h > l.body_px * 4);
            // Without other reasons nothing else moves: the also-line only takes from below.
            const VerdictColumn plain = verdict_column(l, true, holder, false);
            CHECK(plain.also.h == 0);
            CHECK(plain.reason.y == c.reason.y);
            CHECK(plain.reason.h == c.reason.h);
            CHECK(plain.action.y == c.action.y);
            if (holder) CHECK(plain.action.h == c.action.h);
            CHECK(plain.holder.y + plain.holder.h == c.holder.y + c.holder.h);
            CHECK_FALSE(overlap(plain.action, plain.holder));
        }
    }
}

TEST_CASE("A grant's details are only the holder's card", "[screen][layout]") {
    for (const auto& [w, h] : kSizes) {
        CAPTURE(w, h);
        const ScreenLayout l = layout_for(w, h);
        const VerdictColumn c = verdict_column(l, false, true, true);
        CHECK(inside(c.holder, l.verdict_details));
        CHECK(c.reason.h == 0);
        CHECK(c.action.h == 0);
        CHECK(c.also.h == 0);
        CHECK(c.holder.h > l.verdict_details.h * 9 / 10);
    }
}
