// Internal to fleet/tls: keeps SIGPIPE from killing the process while this thread writes to a
// TLS socket the peer has already closed (a refused handshake, a dropped connection). OpenSSL
// writes with write(2), not send(MSG_NOSIGNAL), so the error must be turned into EPIPE here.
#pragma once

#include <signal.h>

namespace accred::tls_internal {

// Blocks SIGPIPE for the calling thread for its lifetime; on destruction discards a SIGPIPE that
// arrived meanwhile (unless one was already pending before) and restores the signal mask.
class SigpipeGuard {
  public:
    SigpipeGuard();
    ~SigpipeGuard();
    SigpipeGuard(const SigpipeGuard&) = delete;
    SigpipeGuard& operator=(const SigpipeGuard&) = delete;

  private:
    sigset_t old_mask_;
    bool was_pending_ = false;
};

// Blocks SIGPIPE for the calling thread for good; threads it creates afterwards inherit that.
void block_sigpipe_in_this_thread();

} // namespace accred::tls_internal
