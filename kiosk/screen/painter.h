// Drawing primitives on an SDL renderer: filled shapes, thick lines, and text through SDL_ttf
// with a cache of rendered lines, so a steady screen costs no glyph rendering per frame.
#pragma once

#include "crypto/outcome.h"
#include "kiosk/screen/drawn_text.h"
#include "kiosk/screen/screen_geometry.h"
#include "kiosk/screen/sdl_handles.h"

#include <map>
#include <string>
#include <tuple>
#include <vector>

namespace accred {

enum class Align { left, centre, right };

struct FontFiles {
    std::string regular;
    std::string bold;
};

class Painter {
  public:
    // Checks that both font files open. The renderer must outlive the painter.
    static Outcome<Painter> create(SDL_Renderer* renderer, FontFiles fonts);

    void fill(const Rect& r, Colour c);
    void frame(const Rect& r, Colour c, int thickness);
    // A line of the given thickness, as two triangles.
    void thick_line(float x0, float y0, float x1, float y1, float thickness, Colour c);
    void triangle(float x0, float y0, float x1, float y1, float x2, float y2, Colour c);
    // A closed outline through points (the QR code found in the live picture).
    void polygon(const std::vector<SDL_FPoint>& points, float thickness, Colour c);
    // Verdict shapes, centred in r: a tick, a cross, a warning triangle with "!".
    void tick(const Rect& r, Colour c);
    void cross(const Rect& r, Colour c);
    void warning_sign(const Rect& r, Colour fill, Colour mark);

    // One line of text at (x, y) (top), aligned within width. Shrinks the size (down to about
    // half) so the line fits width. Returns the height drawn.
    int text(const std::string& s, int x, int y, int width, int px, Colour c, bool bold,
             Align align = Align::left);
    // Text wrapped on spaces into r, shrinking if it would not fit in r's height. Returns the
    // height used.
    int paragraph(const std::string& s, const Rect& r, int px, Colour c, bool bold,
                  Align align = Align::left);
    // Text wrapped on spaces into r at px, never smaller: as many lines as fit r's height (at
    // least one), the last ending in an ellipsis when more was left. Returns the height used.
    int clipped_paragraph(const std::string& s, const Rect& r, int px, Colour c, bool bold);
    // Width of s at px.
    int text_width(const std::string& s, int px, bool bold);
    // Forgets rendered lines not drawn for a while; call once per frame.
    void end_frame();

    SDL_Renderer* renderer() const { return renderer_; }
    // From now on, appends every line of text drawn to sink (nullptr: stop). For tests.
    void record_into(std::vector<DrawnText>* sink) { recorded_ = sink; }

  private:
    struct CachedText {
        TexturePtr texture;
        int w = 0;
        int h = 0;
        std::uint64_t last_used = 0;
    };
    using TextKey = std::tuple<std::string, int, bool, std::uint32_t>;
    Painter(SDL_Renderer* renderer, FontFiles fonts)
        : renderer_(renderer), fonts_(std::move(fonts)) {}
    TTF_Font* font(int px, bool bold);
    CachedText* rendered(const std::string& s, int px, bool bold, Colour c);
    std::vector<std::string> wrap(const std::string& s, int px, bool bold, int width);
    int line_skip(int px, bool bold);

    SDL_Renderer* renderer_;
    FontFiles fonts_;
    std::map<std::pair<int, bool>, FontPtr> font_cache_;
    std::map<TextKey, CachedText> text_cache_;
    std::uint64_t frame_ = 0;
    std::vector<DrawnText>* recorded_ = nullptr;
};

} // namespace accred
