// The state of the kiosk's link to the desk, as the sync thread last found it: what the status
// bar and the headless kiosk's stderr say. Only the display depends on it: decisions never do.
#pragma once

#include <chrono>
#include <cstdint>
#include <string>

namespace accred {

struct DeskLink {
    // The status bar says "online" only when the last successful sync is this recent.
    static constexpr std::chrono::seconds kOnlineWithin{5};

    bool tried = false;   // at least one sync attempt has finished
    bool last_ok = false; // the last attempt reached the desk and its reply was sound
    std::chrono::steady_clock::time_point last_success{}; // of the last successful sync
    std::int64_t last_success_at = 0; // the same on the kiosk clock (UTC s; 0: never)
    std::int64_t offline_since = 0;   // kiosk clock (UTC s): the first failure since the last
                                      // success, or when the sync thread started
    std::string last_error;           // why the last attempt failed ("" after a success)
    std::uint64_t acked_seq = 0;      // the desk holds this kiosk's rows 1..acked_seq
    std::uint64_t log_seq = 0;        // this kiosk's newest row when the sync last read its log
    std::uint64_t successes = 0;      // successful syncs since start

    // True while the desk answered soundly within kOnlineWithin of now.
    bool online(std::chrono::steady_clock::time_point now) const {
        return last_ok && now - last_success < kOnlineWithin;
    }
};

} // namespace accred
