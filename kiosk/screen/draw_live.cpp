// Waiting: the camera picture with the code outlined when found, and what the holder should do.
#include "screen_draw.h"

#include <algorithm>

namespace accred {
namespace {

// A code found within this long ago is outlined; older, the outline would lag the badge.
constexpr std::chrono::milliseconds kOutlineFor{400};

// A badge with a QR code, drawn: the instruction reads without words too.
void draw_badge_icon(Painter& p, const Rect& r) {
    const int bw = std::min(r.w * 40 / 100, r.h * 30 / 100);
    const int bh = bw * 4 / 3;
    const Rect badge{r.x + (r.w - bw) / 2, r.y, bw, bh};
    p.fill(badge, palette::card);
    p.fill({badge.x, badge.y, badge.w, badge.h / 8}, palette::exit_mode);
    const int q = bw * 55 / 100;
    const Rect code{badge.x + (bw - q) / 2, badge.y + bh - q - bh / 10, q, q};
    p.fill(code, Colour{0x20, 0x20, 0x20});
    const int f = q * 3 / 10;
    for (const Rect& finder : {Rect{code.x, code.y, f, f}, Rect{code.x + q - f, code.y, f, f},
                               Rect{code.x, code.y + q - f, f, f}}) {
        p.fill({finder.x + f / 7, finder.y + f / 7, f * 5 / 7, f * 5 / 7}, palette::card);
        p.fill({finder.x + f * 2 / 7, finder.y + f * 2 / 7, f * 3 / 7, f * 3 / 7},
               Colour{0x20, 0x20, 0x20});
    }
}

} // namespace

void draw_waiting(Painter& p, const ScreenLayout& l, const Words& w, const LiveView& live,
                  const GateStatus& status) {
    p.fill(l.main, palette::background);
    const Rect view = l.live_view;
    p.fill(view, Colour{0, 0, 0});
    if (live.camera_lost) {
        p.fill(view, Colour{0x2A, 0x10, 0x10});
        const int y = view.y + view.h / 3;
        p.text(w("camera.lost"), view.x, y, view.w, l.title_px, Colour{0xFF, 0x6E, 0x6E}, true,
               Align::centre);
        p.paragraph(w("camera.lost_hint"),
                    {view.x + view.w / 10, y + l.title_px * 3 / 2, view.w * 8 / 10, view.h / 3},
                    l.body_px, palette::text, false, Align::centre);
    } else if (live.picture && live.picture_w > 0 && live.picture_h > 0) {
        const double scale = std::min(static_cast<double>(view.w) / live.picture_w,
                                      static_cast<double>(view.h) / live.picture_h);
        const int dw = static_cast<int>(live.picture_w * scale);
        const int dh = static_cast<int>(live.picture_h * scale);
        const int ox = view.x + (view.w - dw) / 2, oy = view.y + (view.h - dh) / 2;
        const SDL_Rect dst{ox, oy, dw, dh};
        SDL_RenderCopy(p.renderer(), live.picture, nullptr, &dst);
        const auto& s = live.sighting;
        if (s && s->frame_width == live.picture_w && s->frame_height == live.picture_h &&
            std::chrono::steady_clock::now() - s->when < kOutlineFor) {
            std::vector<SDL_FPoint> points;
            for (const auto& c : s->corners)
                points.push_back(
                    {static_cast<float>(ox + c.x * scale), static_cast<float>(oy + c.y * scale)});
            p.polygon(points, std::max(3.0f, static_cast<float>(view.h) / 120),
                      palette::qr_outline);
        }
    } else if (!live.has_camera) {
        p.paragraph(w("waiting.scanner_only"),
                    {view.x + view.w / 10, view.y + view.h / 3, view.w * 8 / 10, view.h / 3},
                    l.large_px, palette::text, true, Align::centre);
    }

    const Rect in = l.instructions;
    const int pad = std::max(10, in.w / 16);
    int y = in.y + pad * 2;
    y += p.paragraph(w("waiting.title"), {in.x + pad, y, in.w - 2 * pad, l.large_px * 4},
                     l.large_px, palette::text, true, Align::centre);
    y += pad;
    y += p.paragraph(w("waiting.hint"), {in.x + pad, y, in.w - 2 * pad, l.body_px * 3}, l.body_px,
                     palette::muted_text, false, Align::centre);
    draw_badge_icon(p, {in.x + pad, y + pad, in.w - 2 * pad, in.y + in.h - y - 2 * pad});
    if (status.exit_mode) draw_exit_banner(p, l, w, status);
}

} // namespace accred
