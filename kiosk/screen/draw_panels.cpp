// The status bar, the buttons, the PIN pad and the lock screen.
#include "screen_draw.h"

#include <algorithm>

namespace accred {

void draw_status_bar(Painter& p, const ScreenLayout& l, const std::vector<StatusItem>& given) {
    const Rect bar = l.status_bar;
    p.fill(bar, palette::status_bar);
    const int px = l.status_px;
    const int gap = px;
    // At its legible size, never shrunk to squeeze everything in: what a narrow bar cannot hold
    // goes, least needed first (fit_status_items), alarms never.
    const std::vector<StatusItem> items = fit_status_items(
        given, bar.w - gap, gap, [&](const std::string& s) { return p.text_width(s, px, true); });
    int x = bar.x + gap / 2;
    const int y = bar.y + (bar.h - px * 5 / 4) / 2;
    for (const auto& item : items) {
        const int w = std::min(p.text_width(item.text, px, true), bar.x + bar.w - gap / 2 - x);
        if (w <= 0) break;
        Colour c = palette::muted_text;
        if (item.level == StatusLevel::warning) c = palette::warning;
        if (item.level == StatusLevel::alarm) {
            // An alarm is a red box with white words: seen from across the hall.
            p.fill({x - gap / 3, bar.y + 2, w + 2 * gap / 3, bar.h - 4}, palette::alarm_bg);
            c = palette::text;
        }
        p.text(item.text, x, y, w, px, c, true);
        x += w + gap;
    }
}

void draw_buttons(Painter& p, const std::vector<ScreenButton>& buttons, const Words& w, int px) {
    for (const auto& b : buttons) {
        Colour bg = b.enabled ? palette::button : palette::button_disabled;
        if (b.selected) bg = palette::exit_mode;
        p.fill(b.rect, bg);
        if (b.selected) p.frame(b.rect, palette::text, std::max(2, b.rect.h / 16));
        const std::string label = b.label_key.empty() ? b.label : w(b.label_key);
        const Colour fg = b.enabled ? palette::text : palette::muted_text;
        const int size = std::min(px, b.rect.h * 2 / 5);
        p.text(label, b.rect.x + 4, b.rect.y + (b.rect.h - size * 5 / 4) / 2, b.rect.w - 8, size,
               fg, true, Align::centre);
    }
}

void draw_pin_pad(Painter& p, const ScreenLayout& l, const Words& w, const ScreenModel& model,
                  const GateStatus& status, const std::vector<ScreenButton>& buttons,
                  const Rect& pad) {
    p.fill(l.main, Colour{0, 0, 0, 170}); // the verdict stays visible, dimmed, behind the pad
    p.fill(pad, palette::panel);
    p.frame(pad, palette::muted_text, 2);
    const PinPad& pin = model.pin_pad();
    const int gap = std::max(6, pad.h / 60);
    const int left_w = pad.w / 2 - 2 * gap;
    int y = pad.y + gap;
    const std::string title =
        w(pin.purpose == PinPurpose::unlock ? "pin.title_unlock" : "pin.title_override");
    y += p.text(title, pad.x + gap, y, left_w, l.large_px, palette::text, true);
    const std::string name = pin.supervisor < status.supervisors.size()
                                 ? status.supervisors[pin.supervisor].second
                                 : std::string();
    p.text(w("pin.supervisor", {name}), pad.x + gap, y, left_w, l.small_px, palette::muted_text,
           false);
    // The PIN as dots: its length, never its digits.
    const int dots_y = pad.y + pad.h * 66 / 100;
    const int dot = std::max(10, l.body_px * 2 / 3);
    const std::size_t n = model.pin_length();
    for (std::size_t i = 0; i < ScreenModel::kMaxPinDigits; ++i) {
        const Rect r{pad.x + gap + static_cast<int>(i) * (dot + dot / 2), dots_y, dot, dot};
        if (r.x + r.w > pad.x + gap + left_w) break;
        if (i < n)
            p.fill(r, palette::text);
        else
            p.frame(r, palette::muted_text, 2);
    }
    const int msg_y = dots_y + dot + gap;
    if (pin.checking)
        p.text(w("pin.checking"), pad.x + gap, msg_y, left_w, l.body_px, palette::warning, true);
    else if (!pin.message_key.empty())
        p.paragraph(w(pin.message_key, {pin.message_arg}),
                    {pad.x + gap, msg_y, left_w, l.body_px * 3}, l.body_px,
                    Colour{0xFF, 0x8A, 0x80}, true);
    else
        p.text(w("pin.prompt"), pad.x + gap, msg_y, left_w, l.small_px, palette::muted_text, false);
    draw_buttons(p, buttons, w, l.large_px);
}

void draw_locked(Painter& p, const ScreenLayout& l, const Words& w) {
    p.fill(l.main, palette::panel);
    const Rect m = l.main;
    // A padlock: body and shackle, so the state reads without words.
    const int s = m.h / 4;
    const int cx = m.x + m.w / 2;
    const int top = m.y + m.h / 8;
    p.fill({cx - s / 2, top + s / 2, s, s * 2 / 3}, palette::warning);
    p.thick_line(static_cast<float>(cx - s / 3), static_cast<float>(top + s / 2),
                 static_cast<float>(cx - s / 3), static_cast<float>(top + s / 6),
                 static_cast<float>(s / 8), palette::warning);
    p.thick_line(static_cast<float>(cx + s / 3), static_cast<float>(top + s / 2),
                 static_cast<float>(cx + s / 3), static_cast<float>(top + s / 6),
                 static_cast<float>(s / 8), palette::warning);
    p.thick_line(static_cast<float>(cx - s / 3), static_cast<float>(top + s / 6),
                 static_cast<float>(cx + s / 3), static_cast<float>(top + s / 6),
                 static_cast<float>(s / 8), palette::warning);
    const int y = top + s * 3 / 2;
    p.text(w("lock.title"), m.x, y, m.w, l.title_px, palette::text, true, Align::centre);
    p.text(w("lock.hint"), m.x, y + l.title_px * 3 / 2, m.w, l.large_px, palette::muted_text, false,
           Align::centre);
}

void draw_exit_banner(Painter& p, const ScreenLayout& l, const Words& w, const GateStatus& s) {
    const int h = l.body_px * 2;
    const Rect band{l.main.x, l.main.y, l.main.w, h};
    p.fill(band, palette::exit_mode);
    p.text(w("mode.exit_banner", {s.zone_name.in(w.text.language_code(w.language))}), band.x + 8,
           band.y + (h - l.body_px * 5 / 4) / 2, band.w - 16, l.body_px, palette::text, true,
           Align::centre);
}

} // namespace accred
