#include "screen_layout.h"

#include <algorithm>

namespace accred {
namespace {

int scaled(int length, double fraction, int minimum) {
    return std::max(minimum, static_cast<int>(length * fraction));
}

} // namespace

ScreenLayout layout_for(int width, int height) {
    ScreenLayout l;
    l.width = std::max(width, 1);
    l.height = std::max(height, 1);
    // Minimums keep 800x480 (the smallest supported) legible and touchable: 28 px of status,
    // 56 px buttons (a fingertip).
    // The status bar is read at arm's length: 21 px text at 1280x800, 16 px at 800x480.
    const int status_h = scaled(l.height, 0.065, 36);
    const int buttons_h = scaled(l.height, 0.12, 56);
    l.status_bar = {0, 0, l.width, status_h};
    l.buttons_bar = {0, l.height - buttons_h, l.width, buttons_h};
    l.main = {0, status_h, l.width, l.height - status_h - buttons_h};
    const int live_w = l.main.w * 62 / 100;
    l.live_view = {l.main.x, l.main.y, live_w, l.main.h};
    l.instructions = {l.main.x + live_w, l.main.y, l.main.w - live_w, l.main.h};
    const int signal_w = l.main.w * 36 / 100;
    l.verdict_signal = {l.main.x, l.main.y, signal_w, l.main.h};
    l.verdict_details = {l.main.x + signal_w, l.main.y, l.main.w - signal_w, l.main.h};
    // Text from the height, but never wider than the width allows (a portrait or narrow window).
    const int base = std::min(l.height, l.width * 9 / 16);
    l.title_px = scaled(base, 0.085, 28);
    l.large_px = scaled(base, 0.055, 20);
    l.body_px = scaled(base, 0.036, 15);
    l.small_px = std::max(12, scaled(l.height, 0.06, 28) * 45 / 100);
    l.status_px = std::max(16, status_h * 42 / 100);
    return l;
}

VerdictColumn verdict_column(const ScreenLayout& l, bool refusal, bool has_holder, bool has_also,
                             bool has_fact) {
    const Rect d = l.verdict_details;
    const int pad = std::max(8, d.h / 30);
    const Rect area{d.x + pad, d.y + pad, d.w - 2 * pad, d.h - 2 * pad};
    VerdictColumn c;
    c.holder = area;
    if (!refusal) return c;
    // Two lines of "also" beside a holder's card, three without: legible at 800x480 and the
    // card keeps room for its photo. A body line takes about 1.2 body_px; 3/2 leaves margin.
    const int also_h = has_also ? (has_holder ? 2 : 3) * l.body_px * 3 / 2 : 0;
    const int also_gap = has_also ? pad / 2 : 0;
    const int reason_h = l.large_px * 3;
    const int fact_h = has_fact ? l.large_px * 5 / 2 : 0;
    const int action_top = area.y + reason_h + fact_h + pad / 2;
    const int action_h =
        has_holder
            ? l.body_px * 3
            : std::min(area.h / 2, area.y + area.h - also_h - also_gap - pad / 2 - action_top);
    c.reason = {area.x, area.y, area.w, reason_h};
    c.fact = {area.x, area.y + reason_h, area.w, fact_h};
    c.action = {area.x, action_top, area.w, action_h};
    c.also = {area.x, action_top + action_h + also_gap, area.w, also_h};
    const int holder_top = c.also.y + also_h + (pad - pad / 2);
    c.holder = {area.x, holder_top, area.w, area.y + area.h - holder_top};
    return c;
}

std::vector<ScreenButton> bar_buttons(const ScreenLayout& layout, const GateStatus& status,
                                      const ScreenModel& model) {
    std::vector<ScreenButton> buttons;
    auto add = [&](GuardKey key, std::string label_key, bool enabled) {
        ScreenButton b;
        b.key = key;
        b.label_key = std::move(label_key);
        b.enabled = enabled;
        buttons.push_back(std::move(b));
    };
    const bool locked = model.locked();
    const bool pad = model.pin_pad_open();
    add(GuardKey::language, "button.language", true);
    add(GuardKey::mute, model.muted() ? "button.unmute" : "button.mute", true);
    if (status.exit_mode_allowed)
        add(GuardKey::exit_mode, status.exit_mode ? "button.entry_mode" : "button.exit_mode",
            !locked && !pad);
    add(GuardKey::lock, locked ? "button.unlock" : "button.lock", !pad);
    add(GuardKey::override, "button.override", !locked && !pad && status.override_possible);
    if (status.lookup_allowed) add(GuardKey::lookup, "button.lookup", !locked && !pad);
    const Rect bar = layout.buttons_bar;
    const int gap = std::max(6, bar.h / 8);
    const int n = static_cast<int>(buttons.size());
    const int w = (bar.w - gap * (n + 1)) / n;
    for (int i = 0; i < n; ++i)
        buttons[i].rect = {bar.x + gap + i * (w + gap), bar.y + gap, w, bar.h - 2 * gap};
    return buttons;
}

std::vector<ScreenButton> pin_pad_buttons(const ScreenLayout& layout, const GateStatus& status,
                                          const ScreenModel& model, Rect& pad) {
    const Rect m = layout.main;
    const int pad_h = m.h * 94 / 100;
    const int pad_w = std::min(m.w * 90 / 100, pad_h * 3 / 2);
    pad = {m.x + (m.w - pad_w) / 2, m.y + (m.h - pad_h) / 2, pad_w, pad_h};
    std::vector<ScreenButton> buttons;
    const int gap = std::max(6, pad_h / 60);
    // Left half: title, supervisors, dots and messages; right half: the keypad.
    const Rect keys{pad.x + pad.w / 2, pad.y + gap, pad.w / 2 - gap, pad.h - 2 * gap};
    const int kw = (keys.w - 2 * gap) / 3;
    const int kh = (keys.h - 3 * gap) / 4;
    const char* digits = "123456789";
    for (int i = 0; i < 9; ++i) {
        ScreenButton b;
        b.target = ScreenButton::Target::digit;
        b.digit = digits[i];
        b.label = std::string(1, digits[i]);
        b.rect = {keys.x + (i % 3) * (kw + gap), keys.y + (i / 3) * (kh + gap), kw, kh};
        b.enabled = !model.pin_pad().checking;
        buttons.push_back(b);
    }
    const int row4 = keys.y + 3 * (kh + gap);
    ScreenButton del;
    del.key = GuardKey::backspace;
    del.label_key = "pin.clear";
    del.rect = {keys.x, row4, kw, kh};
    buttons.push_back(del);
    ScreenButton zero;
    zero.target = ScreenButton::Target::digit;
    zero.digit = '0';
    zero.label = "0";
    zero.rect = {keys.x + kw + gap, row4, kw, kh};
    zero.enabled = !model.pin_pad().checking;
    buttons.push_back(zero);
    ScreenButton ok;
    ok.key = GuardKey::enter;
    ok.label_key = "pin.ok";
    ok.rect = {keys.x + 2 * (kw + gap), row4, kw, kh};
    ok.enabled = model.pin_length() > 0 && !model.pin_pad().checking;
    buttons.push_back(ok);

    const int left_w = pad.w / 2 - 2 * gap;
    const int sup_h = std::max(40, pad.h / 9);
    const int sup_top = pad.y + pad.h * 22 / 100;
    for (std::size_t i = 0; i < status.supervisors.size() && i < 4; ++i) {
        ScreenButton b;
        b.target = ScreenButton::Target::supervisor;
        b.supervisor = i;
        b.label = status.supervisors[i].second;
        b.rect = {pad.x + gap, sup_top + static_cast<int>(i) * (sup_h + gap), left_w, sup_h};
        b.selected = model.pin_pad().supervisor == i;
        buttons.push_back(b);
    }
    ScreenButton cancel;
    cancel.key = GuardKey::escape;
    cancel.label_key = "pin.cancel";
    cancel.rect = {pad.x + gap, pad.y + pad.h - gap - sup_h, left_w, sup_h};
    cancel.enabled = !model.pin_pad().checking;
    buttons.push_back(cancel);
    return buttons;
}

const ScreenButton* hit_button(const std::vector<ScreenButton>& buttons, int x, int y) {
    for (const auto& b : buttons)
        if (b.enabled && b.rect.contains(x, y)) return &b;
    return nullptr;
}

} // namespace accred
