// The kiosk's clock: the system's, or a simulated one for demos and tests (marked in the log).
#pragma once

#include "crypto/outcome.h"

#include <chrono>
#include <cstdint>
#include <string>

namespace accred {

class KioskClock {
  public:
    // The system clock.
    KioskClock() = default;
    // "2014-04-01T08:00:00Z" or "...,SPEED": simulated time starting there, running SPEED times
    // as fast as real time (default 1).
    static Outcome<KioskClock> simulated(const std::string& spec);

    std::int64_t now() const; // UTC seconds
    bool is_simulated() const { return simulated_; }

  private:
    bool simulated_ = false;
    std::int64_t start_ = 0;
    double speed_ = 1.0;
    std::chrono::steady_clock::time_point real_start_{};
};

} // namespace accred
