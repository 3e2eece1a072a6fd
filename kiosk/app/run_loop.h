// The headless gate: scans from a source, decides, prints one line per decision.
#pragma once

#include "kiosk/app/gate_engine.h"
#include "kiosk/app/kiosk_clock.h"
#include "kiosk/app/run_options.h"
#include "kiosk/app/sync_mailbox.h"

#include <cstdint>
#include <string>

namespace accred {

// The headless run's own options.
struct HeadlessOptions {
    std::string commands; // file or fifo with "override SUPERVISOR PIN" lines
};

// Runs until the source ends or SIGINT/SIGTERM, then writes a checkpoint. Returns the exit code.
// With a mailbox (the kiosk joined a desk and its sync thread runs), what the sync hands over is
// applied between decisions (FleetIntake), at least every 100 ms; decisions never wait for it.
int run_headless(GateEngine& engine, const KioskClock& clock, const RunOptions& options,
                 const HeadlessOptions& headless, SyncMailbox* mailbox = nullptr);

// One decision as the JSON line the headless kiosk prints.
std::string decision_json(const GateEngine& engine, const Reported& reported, std::int64_t now);
// The same for people.
std::string decision_line(const GateEngine& engine, const Reported& reported, std::int64_t now);

} // namespace accred
