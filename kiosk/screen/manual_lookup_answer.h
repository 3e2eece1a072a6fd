// The engine worker's answer to the manual lookup panel: the people a query found, or why the
// supervisor's PIN or the lookup itself was refused.
#pragma once

#include "kiosk/app/supervisor_pins.h"
#include "kiosk/screen/manual_lookup_hit.h"

#include <cstdint>
#include <optional>
#include <string>
#include <vector>

namespace accred {

struct LookupAnswer {
    std::string query; // a search's answer: the query searched (never empty); a decision's: empty
    std::vector<LookupHit> hits;   // best first
    std::optional<PinCheck> pin;   // a decision's PIN that was not accepted
    std::int64_t wait_seconds = 0; // before the next PIN is checked
    std::string error;             // the lookup could not be made (plain words, from the engine)
};

} // namespace accred
