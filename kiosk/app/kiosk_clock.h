// The kiosk's clock: the system's, or a simulated one for demos and tests (marked in the log).
#pragma once

#include "crypto/outcome.h"
#include "event/resolved_zone.h"

#include <chrono>
#include <cstdint>
#include <string>

namespace accred {

class KioskClock {
  public:
    // The system clock.
    KioskClock() = default;
    // "TIME" or "TIME,SPEED": simulated time starting at TIME (any form parse_moment reads, a
    // local time being in `zone`, the event's), running SPEED times as fast as real time
    // (default 1).
    static Outcome<KioskClock> simulated(const std::string& spec, const ResolvedZone& zone);

    std::int64_t now() const; // UTC seconds
    bool is_simulated() const { return simulated_; }

  private:
    bool simulated_ = false;
    std::int64_t start_ = 0;
    double speed_ = 1.0;
    std::chrono::steady_clock::time_point real_start_{};
};

} // namespace accred
