// Every verdict a guard can see, made by the real engine from demo badges, drawn offscreen at
// 800x480, 1024x600, 1280x800 and 1920x1080 in each language: no text is cut, shrunk past
// legibility, drawn off the screen or over other text, and the status bar keeps its essential
// items. With ACCRED_SCREENSHOT_DIR set, each screen is saved there (scripts/kiosk_screenshots.sh
// makes docs/images' contact sheets of them).
#include "kiosk/gate_fixture.h"
#include "kiosk/screen/screen_draw.h"
#include "kiosk/screen/shipped_strings.h"
#include "kiosk/screen/verdict_canvas.h"

#include <catch2/catch.hpp>

using namespace accred;
using accred::test::brussels;
using accred::test::GateFixture;
using accred::test::VerdictShot;

namespace {

struct Sample {
    std::string name; // verdict-reason, as the kiosk names its screenshots
    std::string gate; // the kiosk that decided (its status bar is drawn)...
    VerdictView view;
    RevocationList revocations; // ...with the revocation data it held then
};

CredentialId cti_of(const std::string& id) {
    CredentialId cti{};
    std::copy(id.begin(), id.end(), cti.begin());
    return cti;
}

std::string name_of(const VerdictView& v) {
    return std::string(verdict_name(v.kind)) + "-" + std::string(reason_name(v.reason));
}

// The verdicts of the demo, one of each kind a guard meets, in the order of the contact sheets.
// Each kiosk scans in time order, as a real one does.
std::vector<Sample> samples(GateFixture& f) {
    std::vector<Sample> out;
    const auto scan = [&](const std::string& gate, const std::string& content, std::int64_t now) {
        GateEngine& kiosk = f.kiosk(gate);
        const Reported r = kiosk.handle_scan(content, now);
        VerdictView v = make_verdict_view(r, kiosk.state(), kiosk.time_zone(), now);
        out.push_back({name_of(v), gate, v, kiosk.state().revocations});
        return r;
    };
    const auto at = [&](const std::string& gate, const std::string& id, std::int64_t now) {
        return scan(gate, f.credential(id), now);
    };
    at("main_gate", "S001", brussels(31, 3, 9)); // granted
    at("main_gate_exit", "S001", brussels(31, 3, 18));
    // Closed until 1 April 14:00, then admitted by a supervisor (GateEngine::override_last).
    Reported admitted = at("hls_door", "M001", brussels(31, 3, 9));
    admitted.decision = override_decision(admitted.decision).value();
    admitted.row->override_by = "duty_officer";
    GateEngine& hls = f.kiosk("hls_door");
    const VerdictView overridden =
        make_verdict_view(admitted, hls.state(), hls.time_zone(), brussels(31, 3, 9));
    out.insert(out.begin() + 2,
               {name_of(overridden), "hls_door", overridden, hls.state().revocations});
    at("main_gate", "P001", brussels(31, 3, 9)); // not valid until 1 April
    at("main_gate", "D003", brussels(31, 3, 9)); // revoked, reissued as issue 2
    at("main_gate", "D004", brussels(31, 3, 9)); // superseded by issue 2
    scan("main_gate", "not a badge", brussels(31, 3, 9));
    at("main_gate", "S001", brussels(1, 4, 9)); // expired on 31 March
    at("hls_door", "X001", brussels(1, 4, 15)); // press: no access
    at("plenary_door", "D002", brussels(31, 3, 10));
    out.pop_back();
    at("plenary_door", "D002", brussels(31, 3, 10, 3)); // timed anti-passback: 7 min left
    at("plenary_door", "K003", brussels(31, 3, 11));    // escort without principal P002
    at("building_door", "D007", brussels(31, 3, 9));
    out.pop_back();
    at("building_door", "D007", brussels(31, 3, 9, 5)); // soft anti-passback: attention
    scan("main_gate_exit", "not a badge", brussels(31, 3, 19));
    // Revocation data 14 hours old: an otherwise good badge waits for a supervisor.
    f.kiosk("building_door").state().revocations.max_age_minutes = 720;
    f.kiosk("building_door").state().revocations.issued_at =
        static_cast<std::uint64_t>(brussels(1, 4, 9) - 14 * 3600);
    at("building_door", "M002", brussels(1, 4, 9));
    return out;
}

bool overlap(const Rect& a, const Rect& b) {
    // Lines of one paragraph touch; a pixel or two of a glyph's box may too.
    constexpr int kSlack = 2;
    return a.x + kSlack < b.x + b.w && b.x + kSlack < a.x + a.w && a.y + kSlack < b.y + b.h &&
           b.y + kSlack < a.y + a.h;
}

// Every line whole, on the screen, over no other, and legible: shrunk by a quarter at most, or
// (a title's long word in the narrow signal column) still no smaller than the large text.
void check_fits(const std::vector<DrawnText>& drawn, int w, int h) {
    const ScreenLayout l = layout_for(w, h);
    for (std::size_t i = 0; i < drawn.size(); ++i) {
        const DrawnText& t = drawn[i];
        CAPTURE(t.text, t.px_asked, t.px_drawn);
        CHECK_FALSE(t.cut);
        CHECK((t.px_drawn * 4 >= t.px_asked * 3 || t.px_drawn >= l.large_px));
        CHECK(t.ink.x >= 0);
        CHECK(t.ink.y >= 0);
        CHECK(t.ink.x + t.ink.w <= w);
        CHECK(t.ink.y + t.ink.h <= h);
        for (std::size_t j = i + 1; j < drawn.size(); ++j) {
            CAPTURE(drawn[j].text);
            CHECK_FALSE(overlap(t.ink, drawn[j].ink));
        }
    }
}

} // namespace

TEST_CASE("Every verdict fits every screen size in every language", "[screen][draw][fit]") {
    if (!test::screen_fonts_present()) {
        WARN("no DejaVu fonts: nothing drawn");
        return;
    }
    const test::TtfSession ttf;
    GateFixture f(brussels(28, 3, 9) + 3600, [](KioskBundle& b) {
        b.revocations.revoked = {cti_of("D003")};
        b.revocations.current_issue = {{"D003", 2}, {"D004", 2}};
    });
    const std::vector<Sample> all = samples(f);
    REQUIRE(all.size() == 15);
    const ScreenText text = test::shipped_strings();
    for (const auto& [w, h] :
         {std::pair{800, 480}, std::pair{1024, 600}, std::pair{1280, 800}, std::pair{1920, 1080}}) {
        for (const std::string language : {"en", "fr", "nl"}) {
            for (const Sample& sample : all) {
                CAPTURE(w, h, language, sample.name);
                const VerdictShot shot{w, h, language, sample.view};
                std::vector<DrawnText> drawn;
                KioskState& state = f.kiosk(sample.gate).state();
                state.revocations = sample.revocations;
                const SurfacePtr screen = test::draw_verdict_screen(shot, text, state, &drawn);
                check_fits(drawn, w, h);
                CHECK(test::save_screenshot(screen.get(), shot, sample.name));
            }
        }
    }
}
