// The verdict drawn offscreen (SDL's software renderer on a surface, the kiosk's own fonts): a
// denial naming other failing rules draws the also-line and leaves the rest of the screen as it
// was. With ACCRED_SCREENSHOT_DIR set, each screen is also saved there as PNG for a person to
// look at, named as the kiosk names its screenshots.
#include "kiosk/gate_fixture.h"
#include "kiosk/screen/screen_draw.h"
#include "kiosk/screen/screen_textures.h"

#include <SDL2/SDL_image.h>
#include <catch2/catch.hpp>
#include <cstdlib>
#include <cstring>
#include <filesystem>
#include <optional>

using namespace accred;
using accred::test::brussels;
using accred::test::GateFixture;

namespace {

const FontFiles kFonts{"/usr/share/fonts/truetype/dejavu/DejaVuSans.ttf",
                       "/usr/share/fonts/truetype/dejavu/DejaVuSans-Bold.ttf"};

struct Shot {
    int w = 0, h = 0;
    std::string language;
    VerdictView view;
};

// The whole screen as the kiosk draws a verdict: status bar, verdict, buttons.
SurfacePtr draw(const Shot& s, const ScreenText& text, const KioskState& state) {
    SurfacePtr surface(SDL_CreateRGBSurfaceWithFormat(0, s.w, s.h, 32, SDL_PIXELFORMAT_ARGB8888));
    REQUIRE(surface);
    RendererPtr renderer(SDL_CreateSoftwareRenderer(surface.get()));
    REQUIRE(renderer);
    auto painter = Painter::create(renderer.get(), kFonts);
    REQUIRE(painter);
    std::size_t language = 0;
    while (language + 1 < text.language_count() && text.language_code(language) != s.language)
        ++language;
    const ScreenLayout l = layout_for(s.w, s.h);
    GateStatus status;
    status.gate_name = state.gate().name;
    status.zone_name = state.gate().zone;
    status.kiosk_id = state.kiosk_id;
    status.bundle_version = state.bundle.version;
    status.bundle_issued_at = state.bundle.issued_at;
    status.revocations_issued_at = state.revocations.issued_at;
    status.revocations_max_age_minutes = state.revocations.max_age_minutes;
    status.simulated_time = true;
    const std::int64_t now =
        static_cast<std::int64_t>(state.revocations.issued_at) + s.view.revocations_age_s;
    Painter& p = painter.value();
    p.fill({0, 0, s.w, s.h}, palette::background);
    draw_status_bar(p, l, status_items(status, text, language, now, "2014-04-01 10:00", false));
    PhotoTexture photo;
    draw_verdict(p, l, {text, language}, s.view,
                 photo.get(renderer.get(), s.view.holder, s.view.photo_bytes));
    const ScreenModel model(text.language_count(), 2);
    draw_buttons(p, bar_buttons(l, status, model), {text, language}, l.body_px);
    SDL_RenderFlush(renderer.get());
    return surface;
}

void save(const SDL_Surface* surface, const Shot& s, const std::string& name) {
    const char* dir = std::getenv("ACCRED_SCREENSHOT_DIR");
    if (!dir || !*dir) return;
    std::filesystem::create_directories(dir);
    const std::string path = std::string(dir) + "/" + name + "-" + s.language + "-" +
                             std::to_string(s.w) + "x" + std::to_string(s.h) + ".png";
    CHECK(IMG_SavePNG(const_cast<SDL_Surface*>(surface), path.c_str()) == 0);
}

// Whether rows [top, bottom) between columns [left, right) are the same in both.
bool same(const SDL_Surface* a, const SDL_Surface* b, int left, int right, int top, int bottom) {
    for (int y = top; y < bottom; ++y) {
        const auto* ra = static_cast<const std::uint8_t*>(a->pixels) + y * a->pitch + left * 4;
        const auto* rb = static_cast<const std::uint8_t*>(b->pixels) + y * b->pitch + left * 4;
        if (std::memcmp(ra, rb, static_cast<std::size_t>(right - left) * 4) != 0) return false;
    }
    return true;
}

struct Ttf {
    Ttf() { REQUIRE(TTF_Init() == 0); }
    ~Ttf() { TTF_Quit(); }
};

} // namespace

TEST_CASE("A refusal with other reasons draws them under the instruction", "[screen][draw]") {
    if (!std::filesystem::exists(kFonts.regular) || !std::filesystem::exists(kFonts.bold)) {
        WARN("no DejaVu fonts: nothing drawn");
        return;
    }
    const Ttf ttf;
    GateFixture f(brussels(28, 3, 9) + 3600);
    GateEngine& kiosk = f.kiosk("main_gate");
    // S001's real claims and photo (granted on 31 March), made into the decision issue 15
    // describes: expired, with revocation data 14 hours old.
    Reported r =
        kiosk.handle_scan(GateFixture::through_camera(f.credential("S001")), brussels(31, 3, 9));
    REQUIRE(r.decision.claims);
    r.decision.verdict = Verdict::denied;
    r.decision.reason = Reason::expired;
    r.decision.admitted = false;
    const std::int64_t now =
        static_cast<std::int64_t>(kiosk.state().revocations.issued_at) + 14 * 3600 + 20 * 60;
    const VerdictView alone = make_verdict_view(r, kiosk.state(), now);
    r.decision.other_reasons = {Reason::stale_revocations};
    const VerdictView one = make_verdict_view(r, kiosk.state(), now);
    r.decision.other_reasons = {Reason::zone_closed,      Reason::insufficient_clearance,
                                Reason::capacity_reached, Reason::escort_without_principal,
                                Reason::already_inside,   Reason::stale_revocations};
    const VerdictView many = make_verdict_view(r, kiosk.state(), now);
    auto text = ScreenText::load(std::string(ACCRED_ASSETS_DIR) + "/kiosk/strings.toml",
                                 screen_required_keys());
    REQUIRE(text);

    for (const auto& [w, h, language] :
         {std::tuple{800, 480, "fr"}, std::tuple{1280, 800, "en"}, std::tuple{1920, 1080, "nl"},
          std::tuple{1280, 720, "en"}}) {
        CAPTURE(w, h, language);
        const Shot plain{w, h, language, alone};
        const SurfacePtr before = draw(plain, text.value(), kiosk.state());
        const SurfacePtr with = draw({w, h, language, one}, text.value(), kiosk.state());
        const SurfacePtr crowded = draw({w, h, language, many}, text.value(), kiosk.state());
        save(before.get(), plain, "denied-expired");
        save(with.get(), plain, "denied-expired-also");
        save(crowded.get(), plain, "denied-expired-also-many");
        const ScreenLayout l = layout_for(w, h);
        const Rect d = l.verdict_details;
        // The status bar, the signal column and the buttons are untouched; the details change.
        CHECK(same(before.get(), with.get(), 0, w, 0, l.main.y));
        CHECK(same(before.get(), with.get(), 0, d.x, l.main.y, l.main.y + l.main.h));
        CHECK(same(before.get(), with.get(), 0, w, l.buttons_bar.y, h));
        CHECK_FALSE(same(before.get(), with.get(), d.x, d.x + d.w, d.y, d.y + d.h));
        // The reason at the top reads the same with or without the line under it.
        const VerdictColumn c = verdict_column(l, true, true, true);
        CHECK(same(before.get(), with.get(), d.x, d.x + d.w, d.y, c.reason.y + l.large_px));
        // However many reasons, the line stays in the details: nothing spills into the bars.
        CHECK(same(before.get(), crowded.get(), 0, w, l.buttons_bar.y, h));
        CHECK(same(before.get(), crowded.get(), 0, d.x, l.main.y, l.main.y + l.main.h));
    }
    // An attention that admits (soft anti-passback) with the other rule beside it, in amber.
    r.decision.verdict = Verdict::attention;
    r.decision.reason = Reason::already_inside;
    r.decision.admitted = true;
    r.decision.other_reasons = {Reason::stale_revocations};
    const Shot amber{800, 480, "en", make_verdict_view(r, kiosk.state(), now)};
    r.decision.other_reasons.clear();
    const Shot amber_alone{800, 480, "en", make_verdict_view(r, kiosk.state(), now)};
    const SurfacePtr with = draw(amber, text.value(), kiosk.state());
    const SurfacePtr without = draw(amber_alone, text.value(), kiosk.state());
    save(with.get(), amber, "attention-already_inside-also");
    const Rect d = layout_for(800, 480).verdict_details;
    CHECK(same(with.get(), without.get(), 0, d.x, 0, 480));
    CHECK_FALSE(same(with.get(), without.get(), d.x, d.x + d.w, d.y, d.y + d.h));
}
