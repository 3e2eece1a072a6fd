#include "painter.h"

#include "kiosk/screen/text_fit.h"

#include <algorithm>
#include <cmath>

namespace accred {
namespace {

SDL_Vertex vertex(float x, float y, Colour c) {
    return SDL_Vertex{SDL_FPoint{x, y}, SDL_Color{c.r, c.g, c.b, c.a}, SDL_FPoint{0, 0}};
}

std::uint32_t pack(Colour c) {
    return (std::uint32_t(c.r) << 24) | (std::uint32_t(c.g) << 16) | (std::uint32_t(c.b) << 8) |
           c.a;
}

struct Square {
    float x, y, side;
};

// The largest square centred in r: the verdict shapes keep their proportions in any window.
Square square_in(const Rect& r) {
    const int side = std::min(r.w, r.h);
    return {static_cast<float>(r.x + (r.w - side) / 2), static_cast<float>(r.y + (r.h - side) / 2),
            static_cast<float>(side)};
}

// Rendered lines unused for this many frames are dropped (two seconds at 60 frames/s): the
// clock's text changes every second and must not pile up.
constexpr std::uint64_t kTextCacheFrames = 120;
// Font sizes are rounded to this step so shrinking to fit does not open a font per pixel.
constexpr int kFontStep = 2;

} // namespace

Outcome<Painter> Painter::create(SDL_Renderer* renderer, FontFiles fonts) {
    for (const auto* path : {&fonts.regular, &fonts.bold}) {
        FontPtr probe(TTF_OpenFont(path->c_str(), 12));
        if (!probe) return Error{"cannot open the font " + *path + ": " + TTF_GetError()};
    }
    return Painter(renderer, std::move(fonts));
}

void Painter::fill(const Rect& r, Colour c) {
    SDL_SetRenderDrawBlendMode(renderer_, c.a == 255 ? SDL_BLENDMODE_NONE : SDL_BLENDMODE_BLEND);
    SDL_SetRenderDrawColor(renderer_, c.r, c.g, c.b, c.a);
    const SDL_Rect rect{r.x, r.y, r.w, r.h};
    SDL_RenderFillRect(renderer_, &rect);
}

void Painter::frame(const Rect& r, Colour c, int t) {
    fill({r.x, r.y, r.w, t}, c);
    fill({r.x, r.y + r.h - t, r.w, t}, c);
    fill({r.x, r.y, t, r.h}, c);
    fill({r.x + r.w - t, r.y, t, r.h}, c);
}

void Painter::triangle(float x0, float y0, float x1, float y1, float x2, float y2, Colour c) {
    const SDL_Vertex v[3] = {vertex(x0, y0, c), vertex(x1, y1, c), vertex(x2, y2, c)};
    SDL_RenderGeometry(renderer_, nullptr, v, 3, nullptr, 0);
}

void Painter::thick_line(float x0, float y0, float x1, float y1, float t, Colour c) {
    const float dx = x1 - x0, dy = y1 - y0;
    const float len = std::sqrt(dx * dx + dy * dy);
    if (len < 0.5f) return;
    // Extend both ends by half the thickness so joined segments meet without a notch.
    const float ux = dx / len, uy = dy / len;
    const float nx = -uy * t / 2, ny = ux * t / 2;
    const float ex = ux * t / 2, ey = uy * t / 2;
    const float ax = x0 - ex, ay = y0 - ey, bx = x1 + ex, by = y1 + ey;
    const SDL_Vertex v[4] = {vertex(ax + nx, ay + ny, c), vertex(bx + nx, by + ny, c),
                             vertex(bx - nx, by - ny, c), vertex(ax - nx, ay - ny, c)};
    const int index[6] = {0, 1, 2, 0, 2, 3};
    SDL_RenderGeometry(renderer_, nullptr, v, 4, index, 6);
}

void Painter::polygon(const std::vector<SDL_FPoint>& p, float t, Colour c) {
    for (std::size_t i = 0; i < p.size(); ++i) {
        const SDL_FPoint& a = p[i];
        const SDL_FPoint& b = p[(i + 1) % p.size()];
        thick_line(a.x, a.y, b.x, b.y, t, c);
    }
}

void Painter::tick(const Rect& r, Colour c) {
    const auto [x, y, s] = square_in(r);
    const float t = s * 0.13f;
    thick_line(x + s * 0.14f, y + s * 0.55f, x + s * 0.40f, y + s * 0.80f, t, c);
    thick_line(x + s * 0.40f, y + s * 0.80f, x + s * 0.88f, y + s * 0.22f, t, c);
}

void Painter::cross(const Rect& r, Colour c) {
    const auto [x, y, s] = square_in(r);
    const float t = s * 0.14f;
    thick_line(x + s * 0.2f, y + s * 0.2f, x + s * 0.8f, y + s * 0.8f, t, c);
    thick_line(x + s * 0.8f, y + s * 0.2f, x + s * 0.2f, y + s * 0.8f, t, c);
}

void Painter::warning_sign(const Rect& r, Colour fill_colour, Colour mark) {
    const auto [x, y, s] = square_in(r);
    triangle(x + s * 0.5f, y + s * 0.06f, x + s * 0.97f, y + s * 0.92f, x + s * 0.03f,
             y + s * 0.92f, mark);
    triangle(x + s * 0.5f, y + s * 0.20f, x + s * 0.85f, y + s * 0.85f, x + s * 0.15f,
             y + s * 0.85f, fill_colour);
    thick_line(x + s * 0.5f, y + s * 0.38f, x + s * 0.5f, y + s * 0.62f, s * 0.08f, mark);
    const float dot = s * 0.08f;
    fill({static_cast<int>(x + s * 0.5f - dot / 2), static_cast<int>(y + s * 0.70f),
          static_cast<int>(dot), static_cast<int>(dot)},
         mark);
}

TTF_Font* Painter::font(int px, bool bold) {
    px = std::max(8, px / kFontStep * kFontStep);
    auto key = std::make_pair(px, bold);
    auto it = font_cache_.find(key);
    if (it != font_cache_.end()) return it->second.get();
    FontPtr f(TTF_OpenFont((bold ? fonts_.bold : fonts_.regular).c_str(), px));
    TTF_Font* raw = f.get();
    font_cache_.emplace(key, std::move(f));
    return raw;
}

Painter::CachedText* Painter::rendered(const std::string& s, int px, bool bold, Colour c) {
    px = std::max(8, px / kFontStep * kFontStep);
    TextKey key{s, px, bold, pack(c)};
    auto it = text_cache_.find(key);
    if (it == text_cache_.end()) {
        TTF_Font* f = font(px, bold);
        if (!f || s.empty()) return nullptr;
        SurfacePtr surface(TTF_RenderUTF8_Blended(f, s.c_str(), SDL_Color{c.r, c.g, c.b, c.a}));
        if (!surface) return nullptr;
        CachedText t;
        t.texture.reset(SDL_CreateTextureFromSurface(renderer_, surface.get()));
        if (!t.texture) return nullptr;
        t.w = surface->w;
        t.h = surface->h;
        it = text_cache_.emplace(std::move(key), std::move(t)).first;
    }
    it->second.last_used = frame_;
    return &it->second;
}

int Painter::text_width(const std::string& s, int px, bool bold) {
    int w = 0, h = 0;
    TTF_Font* f = font(px, bold);
    if (!f || TTF_SizeUTF8(f, s.c_str(), &w, &h) != 0) return 0;
    return w;
}

int Painter::text(const std::string& s, int x, int y, int width, int px, Colour c, bool bold,
                  Align align) {
    int size = px;
    while (size > px / 2 && text_width(s, size, bold) > width)
        size -= kFontStep;
    CachedText* t = rendered(s, size, bold, c);
    if (!t) return 0;
    int left = x;
    if (align == Align::centre) left = x + (width - t->w) / 2;
    if (align == Align::right) left = x + width - t->w;
    const SDL_Rect dst{left, y, std::min(t->w, width), t->h};
    const SDL_Rect src{0, 0, std::min(t->w, width), t->h};
    SDL_RenderCopy(renderer_, t->texture.get(), &src, &dst);
    if (recorded_)
        recorded_->push_back(
            {s, {x, y, width, t->h}, {dst.x, dst.y, dst.w, dst.h}, px, size, t->w > width});
    return t->h;
}

std::vector<std::string> Painter::wrap(const std::string& s, int px, bool bold, int width) {
    return wrap_words(s, width, [&](const std::string& t) { return text_width(t, px, bold); });
}

int Painter::line_skip(int px, bool bold) {
    TTF_Font* f = font(px, bold);
    return f ? TTF_FontLineSkip(f) : px;
}

int Painter::paragraph(const std::string& s, const Rect& r, int px, Colour c, bool bold,
                       Align align) {
    int size = px;
    std::vector<std::string> lines = wrap(s, size, bold, r.w);
    int line_h = line_skip(size, bold);
    while (size > px / 2 && static_cast<int>(lines.size()) * line_h > r.h) {
        size -= kFontStep;
        lines = wrap(s, size, bold, r.w);
        line_h = line_skip(size, bold);
    }
    int y = r.y;
    for (const auto& line : lines) {
        if (y + line_h > r.y + r.h + line_h / 3) {
            if (recorded_) recorded_->push_back({line, {r.x, y, r.w, line_h}, {}, px, size, true});
            continue;
        }
        text(line, r.x, y, r.w, size, c, bold, align);
        y += line_h;
    }
    return y - r.y;
}

int Painter::clipped_paragraph(const std::string& s, const Rect& r, int px, Colour c, bool bold) {
    const int line_h = std::max(1, line_skip(px, bold));
    const auto fit = static_cast<std::size_t>(std::max(1, r.h / line_h));
    const auto lines =
        wrap_clipped(s, r.w, fit, [&](const std::string& t) { return text_width(t, px, bold); });
    int y = r.y;
    for (const auto& line : lines) {
        text(line, r.x, y, r.w, px, c, bold);
        y += line_h;
    }
    return y - r.y;
}

void Painter::end_frame() {
    ++frame_;
    std::erase_if(text_cache_, [this](const auto& entry) {
        return frame_ - entry.second.last_used > kTextCacheFrames;
    });
}

} // namespace accred
