// A verdict screen drawn offscreen as the kiosk draws it (status bar, verdict, buttons), with
// SDL's software renderer on a surface and the kiosk's own fonts: for the drawing tests and the
// screenshots in docs/images.
#pragma once

#include "kiosk/screen/drawn_text.h"
#include "kiosk/screen/screen_textures.h"
#include "kiosk/screen/verdict_view.h"

#include <string>
#include <vector>

namespace accred::test {

// The fonts the kiosk ships with on Debian (fonts-dejavu-core).
bool screen_fonts_present();

struct VerdictShot {
    int w = 0, h = 0;
    std::string language; // "en", "fr", "nl"
    VerdictView view;
};

// The whole screen of shot, for state's gate; every line of text drawn is appended to recorded
// when given. The status bar shows the kiosk at the verdict's time with a simulated clock.
SurfacePtr draw_verdict_screen(const VerdictShot& shot, const ScreenText& text,
                               const KioskState& state, std::vector<DrawnText>* recorded = nullptr);

// Saves surface as DIR/NAME-LANGUAGE-WxH.png when ACCRED_SCREENSHOT_DIR names DIR (for a person
// to look at); does nothing otherwise. False when it could not be written.
bool save_screenshot(const SDL_Surface* surface, const VerdictShot& shot, const std::string& name);

// Keeps SDL_ttf open for the test's life.
struct TtfSession {
    TtfSession();
    ~TtfSession();
};

} // namespace accred::test
