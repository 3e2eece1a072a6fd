// What the status bar shows, gathered by the engine's thread after each decision and a few
// times a second, so the drawing thread never touches the engine.
#pragma once

#include "event/resolved_zone.h"
#include "kiosk/screen/shown_name.h"

#include <cstdint>
#include <string>
#include <utility>
#include <vector>

namespace accred {

struct GateStatus {
    ResolvedZone time_zone; // the event's, for the clock (a copy: immutable, shares nothing)
    ShownName gate_name;    // in each language
    ShownName zone_name;
    std::string kiosk_id; // the kiosk key's fingerprint
    std::uint64_t bundle_version = 0;
    std::uint64_t revocations_issued_at = 0; // UTC seconds
    std::uint32_t revocations_max_age_minutes = 0;
    std::uint64_t bundle_issued_at = 0;
    std::int64_t clock_floor = 0; // the last logged entry's time (0: none)
    bool simulated_time = false;
    bool log_ok = true; // the last append succeeded
    std::uint64_t log_head = 0;
    std::uint32_t granted_today = 0; // admitted entries and recorded exits, event-local day
    std::uint32_t denied_today = 0;
    std::size_t inside = 0; // people inside the gate's zone, as this kiosk knows
    bool exit_mode = false;
    bool exit_mode_allowed = false;
    bool override_possible = false; // the last decision is a denial a supervisor may override
    bool locked = false;
    bool has_camera = false;
    bool camera_lost = false;
    std::string camera_error;
    std::vector<std::pair<std::string, std::string>> supervisors; // id, name
    // Manual lookup (the gate's manual_lookup): allowed at all ("pin" or "open"), and with a PIN.
    bool lookup_allowed = false;
    bool lookup_needs_pin = true;
    // The desk (only when the kiosk joined one: docs/fleet.md).
    bool fleet = false;             // the sync with a desk runs
    bool desk_tried = false;        // a first sync attempt has finished
    bool desk_online = false;       // synced soundly less than 5 s ago
    std::string desk_offline_since; // "HH:MM", event-local: since when the desk is out of reach
    std::uint64_t rows_unsent = 0;  // log rows the desk has not acknowledged yet
    bool desk_lagging = false;      // the desk had not taken all rows there were at the last
                                    // sync (catching up after a cut, or refusing them)
};

} // namespace accred
