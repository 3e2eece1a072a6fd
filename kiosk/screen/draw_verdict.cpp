// The verdict: colour, shape and title on the left; why, what to do, and who on the right.
#include "kiosk/screen/verdict_words.h"
#include "screen_draw.h"

#include <algorithm>

namespace accred {
namespace {

struct VerdictStyle {
    Colour background;
    Colour foreground;
};

VerdictStyle style_of(Verdict kind) {
    switch (kind) {
    case Verdict::granted:
        return {palette::granted, palette::on_granted};
    case Verdict::attention:
        return {palette::attention, palette::on_attention};
    case Verdict::denied:
        break;
    }
    return {palette::denied, palette::on_denied};
}

// The photo, kept in proportion inside r; or the warning that replaces it.
void draw_photo(Painter& p, const ScreenLayout& l, const Words& w, const VerdictView& v,
                SDL_Texture* photo, const Rect& r) {
    if (v.photo == PhotoState::matches && photo) {
        int tw = 0, th = 0;
        SDL_QueryTexture(photo, nullptr, nullptr, &tw, &th);
        if (tw > 0 && th > 0) {
            const double scale =
                std::min(static_cast<double>(r.w) / tw, static_cast<double>(r.h) / th);
            const int dw = static_cast<int>(tw * scale), dh = static_cast<int>(th * scale);
            const SDL_Rect dst{r.x + (r.w - dw) / 2, r.y, dw, dh};
            SDL_RenderCopy(p.renderer(), photo, nullptr, &dst);
            return;
        }
    }
    // No picture to compare with: the guard must check an identity document.
    p.fill(r, Colour{0x3A, 0x3A, 0x3A});
    p.warning_sign({r.x + r.w / 4, r.y + r.h / 12, r.w / 2, r.w / 2}, palette::attention,
                   palette::on_attention);
    p.paragraph(w(v.photo == PhotoState::none ? "photo.none" : "photo.no_match"),
                {r.x + 6, r.y + r.h / 12 + r.w / 2 + 6, r.w - 12, r.h / 2}, l.small_px,
                palette::warning, true, Align::centre);
}

// The category band in the badge's own colour, as printed on the badge. Returns its height.
int draw_category(Painter& p, const ScreenLayout& l, const std::string& category,
                  const std::string& colour, const Rect& r) {
    const Colour band = colour_from_hex(colour);
    const int bh = l.body_px * 2;
    const int pad = l.body_px / 2;
    p.fill({r.x, r.y, r.w, bh}, band);
    const int luma = (band.r * 299 + band.g * 587 + band.b * 114) / 1000;
    p.text(category, r.x + pad, r.y + (bh - l.body_px * 5 / 4) / 2, r.w - 2 * pad, l.body_px,
           luma > 140 ? palette::card_text : palette::text, true);
    return bh;
}

// Name, delegation, category band, zone, the zones of the badge and the principal protected, to
// the right of the photo; each line only while the card has room for it.
void draw_holder(Painter& p, const ScreenLayout& l, const Words& w, const VerdictView& v,
                 SDL_Texture* photo, const Rect& card) {
    p.fill(card, palette::card);
    const int pad = std::max(8, card.h / 30);
    const int photo_w = std::min(card.w * 36 / 100, (card.h - 2 * pad) * 3 / 4);
    const Rect photo_rect{card.x + pad, card.y + pad, photo_w, photo_w * 4 / 3};
    draw_photo(p, l, w, v, photo, photo_rect);
    const int x = photo_rect.x + photo_rect.w + pad;
    const int tw = card.x + card.w - pad - x;
    const int bottom = card.y + card.h - pad;
    int y = card.y + pad;
    const auto room = [&](int h) { return std::max(0, std::min(h, bottom - y)); };
    y += p.paragraph(v.name, {x, y, tw, room(l.large_px * 5 / 2)}, l.large_px, palette::card_text,
                     true);
    if (!v.delegation.empty() && room(l.body_px * 3 / 2) > l.body_px)
        y += p.paragraph(v.delegation, {x, y, tw, room(l.body_px * 5 / 2)}, l.body_px,
                         palette::card_text, false);
    y += pad / 2;
    if (!v.category.empty() && room(l.body_px * 2) >= l.body_px * 2)
        y += draw_category(p, l, v.category.in(w.code()), v.category_colour, {x, y, tw, 0}) +
             pad / 2;
    // Up to `lines` lines of body text (whatever room is left for 0), ending in "…" when cut.
    const auto line = [&](const std::string& words, bool bold, int lines = 2) {
        if (room(l.body_px * 3 / 2) < l.body_px * 3 / 2) return;
        const int h = lines > 0 ? room(l.body_px * 3 / 2 * lines) : room(bottom - y);
        y += p.clipped_paragraph(words, {x, y, tw, h}, l.body_px, palette::card_text, bold);
    };
    // "Entering the plenary" only when the door opens: on a refusal it would read as a promise.
    if (!v.zone_name.empty() && v.admitted)
        line(w(v.entering ? "holder.entering" : "holder.leaving", {v.zone_name.in(w.code())}),
             true);
    if (!v.principal.empty())
        line(w("holder.principal", {with_name(v.principal, v.principal_name)}), true);
    if (!v.override_by.empty()) line(w("holder.override_by", {v.override_by}), false);
    if (const std::string zones = zones_line(v, w.text, w.language); !zones.empty())
        line(zones, false, 0); // the last line: all the room left
}

} // namespace

void draw_verdict(Painter& p, const ScreenLayout& l, const Words& w, const VerdictView& v,
                  SDL_Texture* photo) {
    const VerdictStyle s = style_of(v.kind);
    p.fill(l.main, s.background);
    const Rect sig = l.verdict_signal;
    const int shape = std::min(sig.w * 70 / 100, sig.h * 55 / 100);
    const Rect shape_rect{sig.x + (sig.w - shape) / 2, sig.y + sig.h / 12, shape, shape};
    switch (v.kind) {
    case Verdict::granted:
        p.tick(shape_rect, s.foreground);
        break;
    case Verdict::denied:
        p.cross(shape_rect, s.foreground);
        break;
    case Verdict::attention:
        p.warning_sign(shape_rect, s.background, s.foreground);
        break;
    }
    p.paragraph(w(v.title_key),
                {sig.x + 8, shape_rect.y + shape + sig.h / 20, sig.w - 16, l.title_px * 5 / 2},
                l.title_px, s.foreground, true, Align::centre);

    // Why, in big words, what to do next, and what else failed: the guard reads this, the
    // holder hears it. Each box lends the height its text did not use to what follows.
    const bool refusal = v.kind != Verdict::granted;
    const bool has_holder = !v.holder.empty();
    const std::string also = refusal ? other_reasons_line(v, w.text, w.language) : std::string();
    const std::string fact = refusal ? fact_line(v, w.text, w.language) : std::string();
    const VerdictColumn c = verdict_column(l, refusal, has_holder, !also.empty(), !fact.empty());
    int lift = 0;
    const auto moved_up = [&lift](Rect r) {
        r.y -= lift;
        return r;
    };
    if (refusal) {
        lift += c.reason.h - p.paragraph(w(v.reason_key), c.reason, l.large_px, s.foreground, true);
        if (!fact.empty())
            lift += c.fact.h - p.paragraph(fact, moved_up(c.fact), l.large_px, s.foreground, true);
        lift += c.action.h -
                p.paragraph(w(v.action_key), moved_up(c.action), l.body_px, s.foreground, false);
        if (!also.empty())
            lift += c.also.h -
                    p.clipped_paragraph(also, moved_up(c.also), l.body_px, s.foreground, false);
    }
    Rect card = moved_up(c.holder);
    card.h += lift;
    if (has_holder && card.h > l.body_px * 4) draw_holder(p, l, w, v, photo, card);
}

} // namespace accred
