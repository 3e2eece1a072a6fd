// Frames from a USB camera through V4L2, with libv4l2 converting what the camera sends (YUYV,
// MJPEG...) into a planar YUV format whose luma plane we take.
#pragma once

#include "kiosk/sources/cancel_signal.h"
#include "kiosk/sources/frame_source.h"

#include <chrono>
#include <cstdint>
#include <memory>
#include <string>
#include <vector>

namespace accred {

struct V4l2Options {
    int width = 1280; // requested; the driver picks the nearest size it has
    int height = 720;
    int fps = 30; // requested where the driver lets us choose
    // No frame for this long makes next() fail with "camera lost" instead of waiting forever.
    std::chrono::milliseconds frame_timeout{1000};
    unsigned buffers = 4; // a few, so capture continues while one frame is being copied
};

class V4l2Source final : public FrameSource {
  public:
    // Opens and starts the camera. Fails with a plain message when device is missing, is not a
    // V4L2 capture device (a regular file, /dev/null, a camera's metadata node) or cannot
    // deliver a format we can take grey from.
    static Outcome<std::unique_ptr<V4l2Source>> open(const std::string& device,
                                                     const V4l2Options& options = {});
    ~V4l2Source() override;
    V4l2Source(const V4l2Source&) = delete;
    V4l2Source& operator=(const V4l2Source&) = delete;

    // Errors start with "camera lost" when no frame came within frame_timeout or the device went
    // away; the next call waits again, reopening the device if it was unplugged and is back.
    Outcome<std::optional<Frame>> next() override;
    std::string describe() const override;
    bool live() const override { return true; }
    bool can_continue_after_error() const override { return true; }
    void cancel() override { cancel_.raise(); }

  private:
    struct Mapping {
        void* start = nullptr;
        std::size_t length = 0;
    };

    V4l2Source(std::string device, const V4l2Options& options)
        : device_(std::move(device)), options_(options) {}
    Status start();
    Status negotiate_format();
    Status start_streaming();
    void stop_streaming();
    Outcome<std::optional<Frame>> dequeue();

    std::string device_;
    V4l2Options options_;
    CancelSignal cancel_;
    int fd_ = -1; // a libv4l2 descriptor; -1 when the device is closed (lost)
    bool streaming_ = false;
    std::vector<Mapping> buffers_;
    std::string card_;
    std::uint32_t fourcc_ = 0;
    int width_ = 0;
    int height_ = 0;
    std::uint32_t stride_ = 0;
    std::uint64_t index_ = 0;
};

} // namespace accred
