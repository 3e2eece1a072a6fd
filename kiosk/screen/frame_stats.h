// The screen's frame rate as it ran: frames per second on average, in the slowest whole second,
// and the longest single frame (a freeze shows there). Pure: times are passed in.
#pragma once

#include <chrono>
#include <cstdint>
#include <optional>
#include <string>

namespace accred {

class FrameStats {
  public:
    using Time = std::chrono::steady_clock::time_point;
    void frame_done(Time t);

    std::uint64_t frames() const { return frames_; }
    double seconds() const;
    double mean_fps() const;
    // Frames in the slowest complete one-second window (from the first frame); nullopt before a
    // whole second has passed.
    std::optional<std::uint64_t> slowest_second() const { return slowest_; }
    double longest_frame_ms() const { return longest_ms_; }
    // "screen: 1800 frames in 30.0 s, 60.0 frames/s on average, slowest second 58, longest
    // frame 21.3 ms"
    std::string summary() const;

  private:
    std::uint64_t frames_ = 0;
    std::optional<Time> first_, last_;
    Time window_start_{};
    std::uint64_t in_window_ = 0;
    std::optional<std::uint64_t> slowest_;
    double longest_ms_ = 0;
};

} // namespace accred
