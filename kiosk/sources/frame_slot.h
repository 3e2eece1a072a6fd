// The hand-over of frames from the thread that reads them to the thread that decodes them:
// room for one waiting frame, so memory and latency stay bounded whatever the camera does.
#pragma once

#include "kiosk/sources/frame.h"

#include <condition_variable>
#include <mutex>
#include <optional>

namespace accred {

class FrameSlot {
  public:
    // keep_every: put() waits for the slot to empty, so every frame is decoded (files).
    // Otherwise put() replaces a frame still waiting, so the decoder always gets the newest
    // (cameras, whose frames go stale while they wait).
    explicit FrameSlot(bool keep_every) : keep_every_(keep_every) {}

    // Hands a frame over. Returns false when the slot was cancelled (the frame is dropped);
    // sets replaced when an older waiting frame was thrown away for this one.
    bool put(Frame frame, bool& replaced);

    // The next frame, waiting for one; nullopt once closed and empty, or cancelled.
    std::optional<Frame> take();

    // No more frames will be put; take() still returns the one waiting.
    void close();
    // Stop now: put() and take() return at once, the waiting frame is dropped.
    void cancel();

  private:
    const bool keep_every_;
    std::mutex mutex_;
    std::condition_variable changed_;
    std::optional<Frame> waiting_;
    bool closed_ = false;
    bool cancelled_ = false;
};

} // namespace accred
