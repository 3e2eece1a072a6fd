#include "manual_lookup_layout.h"

#include <algorithm>
#include <array>
#include <string_view>

namespace accred {
namespace {

// The on-screen keyboard: digits (holder ids) and letters, with the characters names use.
constexpr std::array<std::string_view, 4> kKeyRows = {"1234567890", "QWERTYUIOP", "ASDFGHJKL'",
                                                      "ZXCVBNM-.,"};

LookupButton key_button(LookupKey key, std::string label_key, const Rect& r, bool enabled) {
    LookupButton b;
    b.kind = LookupButton::Kind::key;
    b.key = key;
    b.label_key = std::move(label_key);
    b.rect = r;
    b.enabled = enabled;
    return b;
}

// Ten keys a row, then space, delete, cancel and OK.
void keyboard(const Rect& keys, int gap, const ManualLookupModel& m,
              std::vector<LookupButton>& out) {
    const int kw = (keys.w - 9 * gap) / 10;
    const int kh = (keys.h - 4 * gap) / 5;
    for (std::size_t row = 0; row < kKeyRows.size(); ++row)
        for (std::size_t i = 0; i < kKeyRows[row].size(); ++i) {
            LookupButton b;
            b.text = std::string(1, kKeyRows[row][i]);
            b.enabled = !m.checking();
            b.rect = {keys.x + static_cast<int>(i) * (kw + gap),
                      keys.y + static_cast<int>(row) * (kh + gap), kw, kh};
            out.push_back(b);
        }
    const int y = keys.y + 4 * (kh + gap);
    const auto span = [&](int first, int keys_wide) {
        return Rect{keys.x + first * (kw + gap), y, keys_wide * kw + (keys_wide - 1) * gap, kh};
    };
    LookupButton space;
    space.text = " ";
    space.label_key = "lookup.space";
    space.rect = span(0, 2);
    space.enabled = !m.checking();
    out.push_back(space);
    out.push_back(key_button(LookupKey::backspace, "pin.clear", span(2, 2),
                             !m.query().empty() && !m.checking()));
    out.push_back(key_button(LookupKey::escape, "pin.cancel", span(4, 3), !m.checking()));
    out.push_back(
        key_button(LookupKey::enter, "pin.ok", span(7, 3), !m.hits().empty() && !m.checking()));
}

// Digits 1-9, delete, 0, OK, as on the supervisor's PIN pad.
void digit_pad(const Rect& keys, int gap, const ManualLookupModel& m,
               std::vector<LookupButton>& out) {
    const int kw = (keys.w - 2 * gap) / 3;
    const int kh = (keys.h - 3 * gap) / 4;
    const std::string_view digits = "123456789*0#";
    for (int i = 0; i < 12; ++i) {
        const Rect r{keys.x + (i % 3) * (kw + gap), keys.y + (i / 3) * (kh + gap), kw, kh};
        if (digits[i] == '*') {
            out.push_back(key_button(LookupKey::backspace, "pin.clear", r, !m.checking()));
        } else if (digits[i] == '#') {
            out.push_back(
                key_button(LookupKey::enter, "pin.ok", r, m.pin_length() > 0 && !m.checking()));
        } else {
            LookupButton b;
            b.text = std::string(1, digits[i]);
            b.rect = r;
            b.enabled = !m.checking();
            out.push_back(b);
        }
    }
}

} // namespace

LookupPanelLayout lookup_panel_layout(const ScreenLayout& l, const ManualLookupModel& m,
                                      const GateStatus& status) {
    LookupPanelLayout p;
    const Rect main = l.main;
    const int margin = std::max(4, main.h / 80);
    p.panel = {main.x + margin, main.y + margin, main.w - 2 * margin, main.h - 2 * margin};
    const int gap = std::max(6, p.panel.h / 70);
    const int left_w = p.panel.w * 52 / 100 - 2 * gap;
    const int x = p.panel.x + gap;
    p.title = {x, p.panel.y + gap, left_w, l.large_px * 3 / 2};
    const bool pin = m.stage() == LookupStage::pin;
    // Searching, Cancel is on the keyboard and the results take the column; on the PIN stage
    // a Back button ends the column.
    const int back_h = pin ? std::max(40, p.panel.h / 10) + gap : 0;
    const Rect back{x, p.panel.y + p.panel.h - back_h, left_w, back_h - gap};
    const int message_h = l.body_px * (pin ? 3 : 2);
    p.message = {x, p.panel.y + p.panel.h - gap - back_h - message_h, left_w, message_h};
    const Rect keys{p.panel.x + left_w + 3 * gap, p.panel.y + gap,
                    p.panel.x + p.panel.w - gap - (p.panel.x + left_w + 3 * gap),
                    p.panel.h - 2 * gap};
    const int field_h = pin ? p.panel.h * 26 / 100 : l.large_px * 2;
    p.field = {x, p.title.y + p.title.h + gap, left_w, field_h};
    const int list_top = p.field.y + p.field.h + gap;
    if (pin) {
        const int sup_h = std::max(40, p.panel.h / 11);
        for (std::size_t i = 0; i < status.supervisors.size() && i < 3; ++i) {
            LookupButton b;
            b.kind = LookupButton::Kind::supervisor;
            b.index = i;
            b.text = status.supervisors[i].second;
            b.rect = {x, list_top + static_cast<int>(i) * (sup_h + gap), left_w, sup_h};
            b.selected = m.supervisor() == i;
            b.enabled = !m.checking();
            p.buttons.push_back(b);
        }
        p.dots = {x, p.message.y - gap - l.body_px, left_w, l.body_px};
        digit_pad(keys, gap, m, p.buttons);
        p.buttons.push_back(key_button(LookupKey::escape, "lookup.back", back, !m.checking()));
    } else {
        const int n = static_cast<int>(ManualLookupModel::kMaxResults);
        const int row_h = (p.message.y - gap - list_top - (n - 1) * gap / 2) / n;
        for (std::size_t i = 0; i < m.hits().size(); ++i) {
            const Rect r{x, list_top + static_cast<int>(i) * (row_h + gap / 2), left_w, row_h};
            p.rows.push_back(r);
            LookupButton b;
            b.kind = LookupButton::Kind::result;
            b.index = i;
            b.rect = r;
            b.selected = m.selected() == i;
            b.enabled = !m.checking();
            p.buttons.push_back(b);
        }
        keyboard(keys, gap, m, p.buttons);
    }
    return p;
}

std::vector<std::string> manual_lookup_keys() {
    return {"button.lookup", "lookup.title", "lookup.pin_title",     "lookup.prompt",
            "lookup.none",   "lookup.error", "lookup.no_supervisor", "lookup.space",
            "lookup.back",   "lookup.banner"};
}

const LookupButton* hit_lookup_button(const std::vector<LookupButton>& buttons, int x, int y) {
    for (const auto& b : buttons)
        if (b.enabled && b.rect.contains(x, y)) return &b;
    return nullptr;
}

} // namespace accred
