#include "frame_stats.h"

#include <algorithm>
#include <cstdio>

namespace accred {

void FrameStats::frame_done(Time t) {
    ++frames_;
    if (!first_) {
        first_ = t;
        window_start_ = t;
    } else {
        longest_ms_ =
            std::max(longest_ms_, std::chrono::duration<double, std::milli>(t - *last_).count());
    }
    last_ = t;
    // Close every whole second that has passed; a second with no frame at all counts as 0.
    while (t - window_start_ >= std::chrono::seconds(1)) {
        slowest_ = std::min(slowest_.value_or(UINT64_MAX), in_window_);
        in_window_ = 0;
        window_start_ += std::chrono::seconds(1);
    }
    ++in_window_;
}

double FrameStats::seconds() const {
    if (!first_) return 0;
    return std::chrono::duration<double>(*last_ - *first_).count();
}

double FrameStats::mean_fps() const {
    const double s = seconds();
    return s > 0 ? static_cast<double>(frames_ - 1) / s : 0;
}

std::string FrameStats::summary() const {
    char line[200];
    std::snprintf(line, sizeof line,
                  "screen: %llu frames in %.1f s, %.1f frames/s on average, slowest second %s, "
                  "longest frame %.1f ms",
                  static_cast<unsigned long long>(frames_), seconds(), mean_fps(),
                  slowest_ ? std::to_string(*slowest_).c_str() : "n/a", longest_ms_);
    return line;
}

} // namespace accred
