#include "pin_throttle.h"

#include <algorithm>

namespace accred {

std::int64_t PinThrottle::current_wait() const {
    if (failures_ < kFreeFailures) return 0;
    // 30 s after the third failure, doubling after each one more, capped. The shift is bounded
    // so that it cannot overflow however many failures are replayed from a log.
    const int doublings = std::min(failures_ - kFreeFailures, 10);
    return std::min(kFirstWait << doublings, kLongestWait);
}

std::int64_t PinThrottle::seconds_to_wait(std::int64_t now) const {
    const std::int64_t wait = current_wait();
    if (wait == 0) return 0;
    const std::int64_t until = last_failure_ + wait;
    if (now >= until) return 0;
    return std::min(until - now, wait);
}

void PinThrottle::record_failure(std::int64_t now) {
    if (failures_ < 1000) ++failures_; // enough to stay at the cap, never overflows
    last_failure_ = now;
}

void PinThrottle::record_success() {
    failures_ = 0;
    last_failure_ = 0;
}

} // namespace accred
