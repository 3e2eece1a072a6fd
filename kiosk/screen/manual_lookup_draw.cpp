#include "manual_lookup_draw.h"

#include <algorithm>

namespace accred {
namespace {

int banner_height(const ScreenLayout& l) {
    return l.body_px * 2;
}

// The photo kept in proportion inside r, or a grey box when there is none.
void draw_thumbnail(Painter& p, SDL_Texture* photo, const Rect& r) {
    int tw = 0, th = 0;
    if (!photo || SDL_QueryTexture(photo, nullptr, nullptr, &tw, &th) != 0 || tw <= 0 || th <= 0) {
        p.fill(r, Colour{0x3A, 0x3A, 0x3A});
        return;
    }
    const double scale = std::min(static_cast<double>(r.w) / tw, static_cast<double>(r.h) / th);
    const int dw = static_cast<int>(tw * scale), dh = static_cast<int>(th * scale);
    const SDL_Rect dst{r.x + (r.w - dw) / 2, r.y + (r.h - dh) / 2, dw, dh};
    SDL_RenderCopy(p.renderer(), photo, nullptr, &dst);
}

// One person: photo, name, id and delegation, and the category in the badge's colour.
void draw_person(Painter& p, const ScreenLayout& l, const Words& w, const LookupHit& hit,
                 SDL_Texture* photo, const Rect& r, bool selected) {
    p.fill(r, palette::card);
    if (selected) p.frame(r, palette::exit_mode, std::max(3, r.h / 14));
    const int pad = std::max(4, r.h / 12);
    const int photo_h = r.h - 2 * pad;
    draw_thumbnail(p, photo, {r.x + pad, r.y + pad, photo_h * 3 / 4, photo_h});
    const int x = r.x + 2 * pad + photo_h * 3 / 4;
    const int tw = r.x + r.w - pad - x;
    const int px = std::min(l.large_px, std::max(12, r.h * 40 / 100));
    int y = r.y + pad;
    y += p.text(hit.name, x, y, tw, px, palette::card_text, true);
    const std::string who =
        hit.delegation.empty() ? hit.holder : hit.holder + " · " + hit.delegation;
    y += p.text(who, x, y, tw, px * 85 / 100, palette::card_text, false);
    const int band_h = std::min(px * 5 / 4, r.y + r.h - pad - y);
    if (hit.category.empty() || band_h < px) return;
    const Colour band = colour_from_hex(hit.category_colour);
    const int luma = (band.r * 299 + band.g * 587 + band.b * 114) / 1000;
    const std::string& name = hit.category.in(w.code());
    const int bw = std::min(tw, p.text_width(name, px * 85 / 100, true) + 2 * pad);
    p.fill({x, y, bw, band_h}, band);
    p.frame({x, y, bw, band_h}, palette::muted_text, 1);
    p.text(name, x + pad, y, bw - 2 * pad, px * 85 / 100,
           luma > 140 ? palette::card_text : palette::text, true);
}

void draw_buttons_of(Painter& p, const ScreenLayout& l, const Words& w,
                     const std::vector<LookupButton>& buttons) {
    for (const auto& b : buttons) {
        if (b.kind == LookupButton::Kind::result) continue; // drawn as a person
        Colour bg = b.enabled ? palette::button : palette::button_disabled;
        if (b.selected) bg = palette::exit_mode;
        p.fill(b.rect, bg);
        const std::string label = b.label_key.empty() ? b.text : w(b.label_key);
        const int size = std::min(l.large_px, b.rect.h * 45 / 100);
        p.text(label, b.rect.x + 2, b.rect.y + (b.rect.h - size * 5 / 4) / 2, b.rect.w - 4, size,
               b.enabled ? palette::text : palette::muted_text, true, Align::centre);
    }
}

// The query as typed, with a caret, or the prompt while it is empty.
void draw_field(Painter& p, const ScreenLayout& l, const Words& w, const ManualLookupModel& m,
                const Rect& r) {
    p.fill(r, palette::card);
    const int y = r.y + (r.h - l.large_px * 5 / 4) / 2;
    if (m.query().empty())
        p.text(w("lookup.prompt"), r.x + 8, y, r.w - 16, l.body_px, Colour{0x70, 0x70, 0x70},
               false);
    else
        p.text(m.query() + "|", r.x + 8, y, r.w - 16, l.large_px, palette::card_text, true);
}

void draw_pin_dots(Painter& p, const ManualLookupModel& m, const Rect& r) {
    const int dot = r.h;
    for (std::size_t i = 0; i < ManualLookupModel::kMaxPinDigits; ++i) {
        const Rect d{r.x + static_cast<int>(i) * (dot + dot / 2), r.y, dot, dot};
        if (d.x + d.w > r.x + r.w) break;
        if (i < m.pin_length())
            p.fill(d, palette::text);
        else
            p.frame(d, palette::muted_text, 2);
    }
}

} // namespace

void draw_lookup_panel(Painter& p, const ScreenLayout& l, const Words& w,
                       const ManualLookupModel& m, const LookupPanelLayout& panel,
                       LookupPhotos& photos) {
    p.fill(l.main, Colour{0, 0, 0, 170}); // a verdict behind stays visible, dimmed
    p.fill(panel.panel, palette::panel);
    p.frame(panel.panel, palette::muted_text, 2);
    const bool pin = m.stage() == LookupStage::pin;
    p.text(w(pin ? "lookup.pin_title" : "lookup.title"), panel.title.x, panel.title.y,
           panel.title.w, l.large_px, palette::text, true);
    SDL_Renderer* renderer = p.renderer();
    if (const LookupHit* picked = m.picked()) {
        draw_person(p, l, w, *picked,
                    photos.rows[m.selected()].get(renderer, picked->holder, picked->photo),
                    panel.field, false);
        draw_pin_dots(p, m, panel.dots);
    } else if (!pin) {
        draw_field(p, l, w, m, panel.field);
        for (std::size_t i = 0; i < panel.rows.size() && i < m.hits().size(); ++i) {
            const LookupHit& hit = m.hits()[i];
            draw_person(p, l, w, hit, photos.rows[i].get(renderer, hit.holder, hit.photo),
                        panel.rows[i], i == m.selected());
        }
    }
    if (m.checking())
        p.text(w("pin.checking"), panel.message.x, panel.message.y, panel.message.w, l.body_px,
               palette::warning, true);
    else if (!m.message_key().empty())
        p.paragraph(w(m.message_key(), {m.message_arg()}), panel.message, l.body_px,
                    Colour{0xFF, 0x8A, 0x80}, true);
    draw_buttons_of(p, l, w, panel.buttons);
}

bool is_manual_verdict(const VerdictView& v) {
    return v.reason == Reason::granted_manual ||
           std::find(v.other_reasons.begin(), v.other_reasons.end(), Reason::manual_lookup) !=
               v.other_reasons.end();
}

ScreenLayout under_manual_banner(const ScreenLayout& l) {
    ScreenLayout below = l;
    const int h = banner_height(l);
    for (Rect* r : {&below.main, &below.verdict_signal, &below.verdict_details}) {
        r->y += h;
        r->h -= h;
    }
    return below;
}

void draw_manual_banner(Painter& p, const ScreenLayout& l, const Words& w) {
    const int h = banner_height(l);
    const Rect band{l.main.x, l.main.y, l.main.w, h};
    p.fill(band, palette::attention);
    p.text(w("lookup.banner"), band.x + 8, band.y + (h - l.body_px * 5 / 4) / 2, band.w - 16,
           l.body_px, palette::on_attention, true, Align::centre);
}

} // namespace accred
