// The kiosk's screen: an SDL2 window over the gate engine, for the guard at the gate.
#pragma once

#include "kiosk/app/gate_engine.h"
#include "kiosk/app/kiosk_clock.h"
#include "kiosk/app/run_loop.h"

namespace accred {

// Runs the window until it is closed, SIGINT/SIGTERM, or (with exit_when_done) the source has
// ended and the last verdict has been shown; then writes the shutdown checkpoint. Prints each
// decision's JSON line on stdout, as the headless kiosk does, and a frame-rate summary on
// stderr. Returns the exit code: 2 when there is no display or the window cannot be made.
int run_screen(GateEngine& engine, const KioskClock& clock, const RunOptions& options,
               SyncMailbox* mailbox = nullptr);

} // namespace accred
