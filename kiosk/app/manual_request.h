// A guard's manual lookup at the gate (docs/kiosk.md, "Manual lookup"): the holder chosen after
// typing their id or name, and the supervisor's PIN where the gate requires one.
#pragma once

#include <string>

namespace accred {

struct ManualRequest {
    std::string holder;        // the holder id chosen from the search
    std::string supervisor_id; // empty at a gate with manual_lookup = "open"
    std::string pin;           // the supervisor's PIN (never logged)
};

} // namespace accred
