// The kiosk's screen: an SDL2 window over the gate engine, for the guard at the gate.
#pragma once

#include "kiosk/app/gate_engine.h"
#include "kiosk/app/kiosk_clock.h"
#include "kiosk/app/run_options.h"
#include "kiosk/app/sync_mailbox.h"

#include <string>

namespace accred {

// The screen's own options (kiosk run without --headless).
struct ScreenOptions {
    bool fullscreen = false;
    std::string window_size = "1280x720";
    std::string screenshot_dir;  // a PNG of every verdict shown, and F12 saves there too
    bool exit_when_done = false; // close once a file source has ended and the last verdict shown
    bool show_each = false;      // show every verdict its full time, even if the next is waiting
    std::string assets_dir;      // holds kiosk/strings.toml
    std::string language;        // the screen's first language ("en", "fr", "nl"); F1 cycles
    std::string font_regular;
    std::string font_bold;
};

// Runs the window until it is closed, SIGINT/SIGTERM, or (with exit_when_done) the source has
// ended and the last verdict has been shown; then writes the shutdown checkpoint. Prints each
// decision's JSON line on stdout, as the headless kiosk does, and a frame-rate summary on
// stderr. Returns the exit code: 2 when there is no display or the window cannot be made.
int run_screen(GateEngine& engine, const KioskClock& clock, const RunOptions& options,
               const ScreenOptions& screen, SyncMailbox* mailbox = nullptr);

} // namespace accred
