// Rate limiting of supervisor PIN attempts at one kiosk. Pure logic: the clock is passed in.
//
// A supervisor PIN is six or more digits behind one Argon2id check (about a second). Without a
// limit, someone at the kiosk could try every six-digit PIN in under 12 days. After
// kFreeFailures wrong PINs in a row, each further attempt must wait: 30 s after the third, then
// twice as long after each further wrong PIN, at most 15 minutes. That leaves a guesser about
// four attempts an hour (a million PINs would take over 25 years) while a supervisor who
// mistypes twice is never slowed. A right PIN starts the count again.
//
// The state is rebuilt from the entry log at start (GateEngine::start replays its pin_rejected
// and supervisor_unlock rows), so restarting the kiosk does not reset the count.
#pragma once

#include <cstdint>

namespace accred {

class PinThrottle {
  public:
    static constexpr int kFreeFailures = 3;               // wrong PINs in a row before any wait
    static constexpr std::int64_t kFirstWait = 30;        // seconds, after the third
    static constexpr std::int64_t kLongestWait = 15 * 60; // seconds, the cap

    // Seconds until the next PIN may be checked at time now; 0 when it may be checked now.
    // A clock set back never makes the wait longer than the wait that was imposed.
    [[nodiscard]] std::int64_t seconds_to_wait(std::int64_t now) const;
    // A wrong PIN was entered at time now.
    void record_failure(std::int64_t now);
    // A right PIN was entered: the count starts again.
    void record_success();
    // Wrong PINs in a row so far.
    int failures() const { return failures_; }

  private:
    // The wait imposed after the failures so far (0 for the first kFreeFailures - 1).
    std::int64_t current_wait() const;

    int failures_ = 0;
    std::int64_t last_failure_ = 0;
};

} // namespace accred
