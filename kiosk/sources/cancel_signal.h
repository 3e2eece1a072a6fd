// A flag one thread raises to wake another that is waiting in poll() or select() on a file.
#pragma once

#include <atomic>

namespace accred {

class CancelSignal {
  public:
    CancelSignal();
    ~CancelSignal();
    CancelSignal(const CancelSignal&) = delete;
    CancelSignal& operator=(const CancelSignal&) = delete;

    // Raises the flag and makes fd() readable. Async-signal-safe, any thread, idempotent.
    void raise();
    bool raised() const { return raised_.load(std::memory_order_acquire); }

    // An eventfd that becomes readable once raised, to wait on beside the real input; -1 if none
    // could be made, in which case waiters must poll raised() on a short timeout (they all do).
    int fd() const { return fd_; }

  private:
    std::atomic<bool> raised_{false};
    int fd_ = -1;
};

} // namespace accred
