// What the screen opens before its first frame: the strings, the window, the painter, the
// scanner. Either all of it or an Error saying what could not be had.
#pragma once

#include "crypto/outcome.h"
#include "event/event_definition.h"
#include "kiosk/app/open_scanner.h"
#include "kiosk/app/run_options.h"
#include "kiosk/screen/painter.h"
#include "kiosk/screen/screen_app.h"
#include "kiosk/screen/screen_text.h"
#include "kiosk/screen/screen_window.h"

#include <cstddef>
#include <memory>

namespace accred {

// Members are destroyed in reverse order: the scanner first, the painter (textures of the
// renderer) before the window that owns the renderer.
struct ScreenSetup {
    ScreenText text;
    std::size_t first_language = 0; // index of ScreenOptions::language in text
    WindowRequest size;
    std::unique_ptr<ScreenWindow> window;
    Painter painter;
    OpenedScanner input; // its scanner makes preview frames for the screen
};

// Checks the window size and the language, loads the strings, opens the window (titled with the
// gate's name), the painter's fonts, the screenshot folder and the scanner, in that order. The
// Error is the message the kiosk prints after "kiosk: " before exiting with code 2.
Outcome<ScreenSetup> open_screen_setup(const Gate& gate, const RunOptions& run,
                                       const ScreenOptions& options);

} // namespace accred
