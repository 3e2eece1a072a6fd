// One code read at the gate, after debouncing: what the decision step receives.
#pragma once

#include <cstdint>
#include <string>

namespace accred {

struct ScanEvent {
    std::string content;           // the code's raw bytes (QR), or the line a wedge typed
    std::uint64_t frame_index = 0; // the frame it was read from; for a wedge, the line's number
    // When it was seen, on the clock of the channel it came through: the frame's captured_us,
    // or the monotonic clock for a wedge. For ordering and logs, not for policy.
    std::int64_t seen_us = 0;
    bool from_wedge = false;
};

} // namespace accred
