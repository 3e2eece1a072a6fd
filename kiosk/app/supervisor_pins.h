// Supervisor PINs at one kiosk: the Argon2id check against the bundle's supervisors, behind the
// PinThrottle. Writes nothing: the engine logs what the check returns.
#pragma once

#include "event/event_definition.h"
#include "kiosk/engine/pin_throttle.h"
#include "entrylog/entry_record.h"

#include <cstdint>
#include <string>
#include <string_view>

namespace accred {

// The outcome of a supervisor PIN attempt.
enum class PinCheck {
    accepted,  // a supervisor of the bundle, and the PIN is theirs
    wrong,     // checked and wrong (recorded in the log as pin_rejected)
    must_wait, // not checked: too many wrong PINs in a row (PinThrottle); try again later
    // Set by the screen's worker when no PIN was checked at all:
    not_possible,        // the override could not be recorded (the log failed): not granted
    nothing_to_override, // no denial waits for an override
};
struct PinOutcome {
    PinCheck result = PinCheck::wrong;
    std::int64_t wait_seconds = 0; // for must_wait, and after a wrong PIN that starts a wait
};

class SupervisorPins {
  public:
    struct Checked {
        PinOutcome outcome;
        // For a wrong PIN, whom the pin_rejected row names: a supervisor of the bundle, or
        // "(unknown)", never text typed by whoever is guessing.
        std::string named;
    };

    // Checks pin against supervisor_id's hash in event. Costs one Argon2id check (about a
    // second) whether or not the id exists, so that timing does not tell which ids exist. While
    // the throttle makes attempts wait, returns must_wait without a check. A right PIN resets the
    // count; a wrong one adds to it.
    Checked check(const EventDefinition& event, const std::string& supervisor_id,
                  std::string_view pin, std::int64_t now);
    // Feeds a logged row to the throttle (at start, so that a restart does not reset it).
    void replay(const EntryRecord& row);
    // Seconds before the next PIN will be checked (0: now).
    std::int64_t seconds_to_wait(std::int64_t now) const { return throttle_.seconds_to_wait(now); }

  private:
    PinThrottle throttle_;
};

} // namespace accred
