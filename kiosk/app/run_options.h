// What both ways of running the gate (headless, screen) are told. Each mode's own options are
// declared next to its run function: HeadlessOptions (run_loop.h), ScreenOptions (screen_app.h).
#pragma once

#include <cstdint>
#include <string>

namespace accred {

struct RunOptions {
    std::string source; // frame source spec, or "wedge" for a keyboard-wedge scanner
    bool headless = false;
    bool human = false;        // readable lines instead of JSON
    std::string now;           // --now "TIME[,SPEED]": a simulated clock (KioskClock::simulated)
    int debounce_ms = 3000;
    std::uint64_t checkpoint_every = 100; // sign a checkpoint every N entries...
    std::int64_t checkpoint_minutes = 10; // ...and every M minutes (and at shutdown)
    int sync_interval_ms = 1000;          // with a desk: one sync this often (docs/fleet.md)
};

} // namespace accred
