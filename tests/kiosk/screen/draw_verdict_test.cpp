// The verdict drawn offscreen (SDL's software renderer on a surface, the kiosk's own fonts): a
// denial naming other failing rules draws the also-line and leaves the rest of the screen as it
// was. With ACCRED_SCREENSHOT_DIR set, each screen is also saved there as PNG for a person to
// look at, named as the kiosk names its screenshots.
#include "kiosk/gate_fixture.h"
#include "kiosk/screen/screen_draw.h"
#include "kiosk/screen/verdict_canvas.h"

#include <SDL2/SDL_image.h>
#include <catch2/catch.hpp>
#include <cstdlib>
#include <cstring>
#include <filesystem>
#include <optional>

using namespace accred;
using accred::test::brussels;
using accred::test::GateFixture;
using accred::test::VerdictShot;

namespace {

// Whether rows [top, bottom) between columns [left, right) are the same in both.
bool same(const SDL_Surface* a, const SDL_Surface* b, int left, int right, int top, int bottom) {
    for (int y = top; y < bottom; ++y) {
        const auto* ra = static_cast<const std::uint8_t*>(a->pixels) + y * a->pitch + left * 4;
        const auto* rb = static_cast<const std::uint8_t*>(b->pixels) + y * b->pitch + left * 4;
        if (std::memcmp(ra, rb, static_cast<std::size_t>(right - left) * 4) != 0) return false;
    }
    return true;
}

} // namespace

TEST_CASE("A refusal with other reasons draws them under the instruction", "[screen][draw]") {
    if (!test::screen_fonts_present()) {
        WARN("no DejaVu fonts: nothing drawn");
        return;
    }
    const test::TtfSession ttf;
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
        const VerdictShot plain{w, h, language, alone};
        const SurfacePtr before = test::draw_verdict_screen(plain, text.value(), kiosk.state());
        const SurfacePtr with =
            test::draw_verdict_screen({w, h, language, one}, text.value(), kiosk.state());
        const SurfacePtr crowded =
            test::draw_verdict_screen({w, h, language, many}, text.value(), kiosk.state());
        CHECK(test::save_screenshot(before.get(), plain, "denied-expired"));
        CHECK(test::save_screenshot(with.get(), plain, "denied-expired-also"));
        CHECK(test::save_screenshot(crowded.get(), plain, "denied-expired-also-many"));
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
    const VerdictShot amber{800, 480, "en", make_verdict_view(r, kiosk.state(), now)};
    r.decision.other_reasons.clear();
    const VerdictShot amber_alone{800, 480, "en", make_verdict_view(r, kiosk.state(), now)};
    const SurfacePtr with = test::draw_verdict_screen(amber, text.value(), kiosk.state());
    const SurfacePtr without = test::draw_verdict_screen(amber_alone, text.value(), kiosk.state());
    CHECK(test::save_screenshot(with.get(), amber, "attention-already_inside-also"));
    const Rect d = layout_for(800, 480).verdict_details;
    CHECK(same(with.get(), without.get(), 0, d.x, 0, 480));
    CHECK_FALSE(same(with.get(), without.get(), d.x, d.x + d.w, d.y, d.y + d.h));
}
