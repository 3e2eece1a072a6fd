// The headless gate: scans from a source, decides, prints one line per decision.
#pragma once

#include "kiosk/app/gate_engine.h"
#include "kiosk/app/kiosk_clock.h"
#include "kiosk/app/sync_mailbox.h"

#include <cstdint>
#include <string>

namespace accred {

struct RunOptions {
    std::string source; // frame source spec, or "wedge" for a keyboard-wedge scanner
    bool headless = false;
    bool human = false;        // readable lines instead of JSON
    std::string simulate_time; // "ISO8601[,SPEED]"
    int debounce_ms = 3000;
    std::string commands;                 // file or fifo with "override SUPERVISOR PIN" lines
    std::uint64_t checkpoint_every = 100; // sign a checkpoint every N entries...
    std::int64_t checkpoint_minutes = 10; // ...and every M minutes (and at shutdown)
    int sync_interval_ms = 1000;          // with a desk: one sync this often (docs/fleet.md)
    // The screen (without --headless).
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

// Runs until the source ends or SIGINT/SIGTERM, then writes a checkpoint. Returns the exit code.
// With a mailbox (the kiosk joined a desk and its sync thread runs), what the sync hands over is
// applied between decisions (FleetIntake), at least every 100 ms; decisions never wait for it.
int run_headless(GateEngine& engine, const KioskClock& clock, const RunOptions& options,
                 SyncMailbox* mailbox = nullptr);

// One decision as the JSON line the headless kiosk prints.
std::string decision_json(const GateEngine& engine, const Reported& reported, std::int64_t now);
// The same for people.
std::string decision_line(const GateEngine& engine, const Reported& reported, std::int64_t now);

} // namespace accred
