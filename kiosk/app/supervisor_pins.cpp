#include "supervisor_pins.h"

#include <sodium.h>

namespace accred {

SupervisorPins::Checked SupervisorPins::check(const EventDefinition& event,
                                              const std::string& supervisor_id,
                                              std::string_view pin, std::int64_t now) {
    if (const std::int64_t wait = throttle_.seconds_to_wait(now); wait > 0)
        return {{PinCheck::must_wait, wait}, {}};
    const Supervisor* supervisor = event.find_supervisor(supervisor_id);
    // An unknown id is checked against the first supervisor's hash anyway: the same cost.
    const Supervisor* checked =
        supervisor ? supervisor
                   : (event.supervisors.empty() ? nullptr : &event.supervisors.front());
    const bool hash_ok =
        checked != nullptr &&
        crypto_pwhash_str_verify(checked->pin_hash.c_str(), pin.data(), pin.size()) == 0;
    if (supervisor != nullptr && hash_ok) {
        throttle_.record_success();
        return {{PinCheck::accepted, 0}, {}};
    }
    throttle_.record_failure(now);
    return {{PinCheck::wrong, throttle_.seconds_to_wait(now)},
            supervisor ? supervisor->id : "(unknown)"};
}

void SupervisorPins::replay(const EntryRecord& row) {
    if (row.reason == Reason::pin_rejected)
        throttle_.record_failure(row.time);
    else if (row.reason == Reason::supervisor_unlock || row.reason == Reason::granted_override ||
             (is_manual_row(row) && row.override_by)) // a manual decision a PIN allowed
        throttle_.record_success();
}

} // namespace accred
