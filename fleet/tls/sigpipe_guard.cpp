#include "sigpipe_guard.h"

#include <ctime>
#include <pthread.h>

namespace accred::tls_internal {
namespace {

sigset_t sigpipe_set() {
    sigset_t set;
    sigemptyset(&set);
    sigaddset(&set, SIGPIPE);
    return set;
}

} // namespace

SigpipeGuard::SigpipeGuard() {
    sigset_t pending;
    sigemptyset(&pending);
    was_pending_ = sigpending(&pending) == 0 && sigismember(&pending, SIGPIPE) == 1;
    const sigset_t block = sigpipe_set();
    pthread_sigmask(SIG_BLOCK, &block, &old_mask_);
}

SigpipeGuard::~SigpipeGuard() {
    if (!was_pending_) {
        const sigset_t pipe = sigpipe_set();
        const struct timespec zero {};
        while (sigtimedwait(&pipe, nullptr, &zero) > 0) {
        }
    }
    pthread_sigmask(SIG_SETMASK, &old_mask_, nullptr);
}

void block_sigpipe_in_this_thread() {
    const sigset_t block = sigpipe_set();
    pthread_sigmask(SIG_BLOCK, &block, nullptr);
}

} // namespace accred::tls_internal
