// Turning repeated sightings of the same code into one: a badge held in front of the camera for
// a second is seen in thirty frames but must make one decision.
#pragma once

#include <chrono>
#include <cstddef>
#include <cstdint>
#include <string>
#include <unordered_map>

namespace accred {

class Debouncer {
  public:
    // A code is suppressed while it keeps being seen with gaps no longer than window; once it
    // has gone unseen for longer than window it counts again. At most max_codes recent codes are
    // remembered; beyond that the oldest are forgotten (a flood of distinct codes is no badge).
    explicit Debouncer(std::chrono::microseconds window, std::size_t max_codes = 256);

    // Records a sighting at now_us (one monotonic clock per Debouncer) and says whether it is new.
    bool accept(const std::string& content, std::int64_t now_us);

    std::size_t remembered() const { return last_seen_.size(); }

  private:
    void forget_older_than(std::int64_t cutoff_us);

    std::int64_t window_us_;
    std::size_t max_codes_;
    std::unordered_map<std::string, std::int64_t> last_seen_;
};

} // namespace accred
