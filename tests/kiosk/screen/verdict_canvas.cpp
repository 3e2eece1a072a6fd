#include "kiosk/screen/verdict_canvas.h"

#include "kiosk/screen/screen_draw.h"
#include "kiosk/screen/shipped_strings.h"

#include <SDL2/SDL_image.h>
#include <catch2/catch.hpp>
#include <cstdlib>
#include <filesystem>

namespace accred::test {
namespace {

const FontFiles kFonts{"/usr/share/fonts/truetype/dejavu/DejaVuSans.ttf",
                       "/usr/share/fonts/truetype/dejavu/DejaVuSans-Bold.ttf"};

GateStatus status_of(const KioskState& state) {
    GateStatus status;
    status.gate_name = ShownName::of(state.gate());
    if (const Zone* zone = state.bundle.event.find_zone(state.gate().zone))
        status.zone_name = ShownName::of(*zone);
    status.kiosk_id = state.kiosk_id;
    status.bundle_version = state.bundle.version;
    status.bundle_issued_at = state.bundle.issued_at;
    status.revocations_issued_at = state.revocations.issued_at;
    status.revocations_max_age_minutes = state.revocations.max_age_minutes;
    status.simulated_time = true;
    status.exit_mode_allowed = state.gate().exit_mode;
    return status;
}

} // namespace

bool screen_fonts_present() {
    return std::filesystem::exists(kFonts.regular) && std::filesystem::exists(kFonts.bold);
}

SurfacePtr draw_verdict_screen(const VerdictShot& s, const ScreenText& text,
                               const KioskState& state, std::vector<DrawnText>* recorded) {
    SurfacePtr surface(SDL_CreateRGBSurfaceWithFormat(0, s.w, s.h, 32, SDL_PIXELFORMAT_ARGB8888));
    REQUIRE(surface);
    RendererPtr renderer(SDL_CreateSoftwareRenderer(surface.get()));
    REQUIRE(renderer);
    auto painter = Painter::create(renderer.get(), kFonts);
    REQUIRE(painter);
    const std::size_t language = language_index(text, s.language);
    const ScreenLayout l = layout_for(s.w, s.h);
    const GateStatus status = status_of(state);
    const std::int64_t now =
        static_cast<std::int64_t>(state.revocations.issued_at) + s.view.revocations_age_s;
    Painter& p = painter.value();
    p.record_into(recorded);
    p.fill({0, 0, s.w, s.h}, palette::background);
    const ResolvedZone tz = ResolvedZone::resolve_or_unknown(state.bundle.event.time_zone);
    const auto clock = format_utc_as_local_seconds(tz, now);
    draw_status_bar(p, l, status_items(status, text, language, now, clock.value_or("?"), false));
    PhotoTexture photo;
    draw_verdict(p, l, {text, language}, s.view,
                 photo.get(renderer.get(), s.view.holder, s.view.photo_bytes));
    const ScreenModel model(text.language_count(), 2);
    draw_buttons(p, bar_buttons(l, status, model), {text, language}, l.body_px);
    SDL_RenderFlush(renderer.get());
    p.record_into(nullptr);
    return surface;
}

bool save_screenshot(const SDL_Surface* surface, const VerdictShot& s, const std::string& name) {
    const char* dir = std::getenv("ACCRED_SCREENSHOT_DIR");
    if (!dir || !*dir) return true;
    std::filesystem::create_directories(dir);
    const std::string path = std::string(dir) + "/" + name + "-" + s.language + "-" +
                             std::to_string(s.w) + "x" + std::to_string(s.h) + ".png";
    return IMG_SavePNG(const_cast<SDL_Surface*>(surface), path.c_str()) == 0;
}

TtfSession::TtfSession() {
    REQUIRE(TTF_Init() == 0);
}

TtfSession::~TtfSession() {
    TTF_Quit();
}

} // namespace accred::test
