#include "cancel_signal.h"

#include <cstdint>
#include <sys/eventfd.h>
#include <unistd.h>

namespace accred {

CancelSignal::CancelSignal() : fd_(::eventfd(0, EFD_CLOEXEC | EFD_NONBLOCK)) {}

CancelSignal::~CancelSignal() {
    if (fd_ >= 0) ::close(fd_);
}

void CancelSignal::raise() {
    raised_.store(true, std::memory_order_release);
    if (fd_ < 0) return;
    const std::uint64_t one = 1;
    // The counter only has to become non-zero; a full counter (EAGAIN) is already readable.
    [[maybe_unused]] const ssize_t n = ::write(fd_, &one, sizeof one);
}

} // namespace accred
