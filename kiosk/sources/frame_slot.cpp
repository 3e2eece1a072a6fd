#include "frame_slot.h"

namespace accred {

bool FrameSlot::put(Frame frame, bool& replaced) {
    std::unique_lock lock(mutex_);
    replaced = false;
    if (keep_every_) changed_.wait(lock, [&] { return !waiting_ || cancelled_; });
    if (cancelled_) return false;
    replaced = waiting_.has_value();
    waiting_ = std::move(frame);
    lock.unlock();
    changed_.notify_all();
    return true;
}

std::optional<Frame> FrameSlot::take() {
    std::unique_lock lock(mutex_);
    changed_.wait(lock, [&] { return waiting_ || closed_ || cancelled_; });
    if (cancelled_ || !waiting_) return std::nullopt;
    std::optional<Frame> frame = std::move(waiting_);
    waiting_.reset();
    lock.unlock();
    changed_.notify_all();
    return frame;
}

void FrameSlot::close() {
    {
        std::lock_guard lock(mutex_);
        closed_ = true;
    }
    changed_.notify_all();
}

void FrameSlot::cancel() {
    {
        std::lock_guard lock(mutex_);
        cancelled_ = true;
        waiting_.reset();
    }
    changed_.notify_all();
}

} // namespace accred
