#include "core_dumps.h"

#include <sys/prctl.h>
#include <sys/resource.h>

// GCC defines __SANITIZE_ADDRESS__ under -fsanitize=address; clang answers __has_feature.
#if defined(__SANITIZE_ADDRESS__)
#define ACCRED_UNDER_ASAN 1
#elif defined(__has_feature)
#if __has_feature(address_sanitizer)
#define ACCRED_UNDER_ASAN 1
#endif
#endif

namespace accred {

void keep_secrets_out_of_core_dumps() {
    const rlimit none{0, 0};
    (void)::setrlimit(RLIMIT_CORE, &none); // lowering both limits to zero cannot fail
#ifndef ACCRED_UNDER_ASAN
    (void)::prctl(PR_SET_DUMPABLE, 0, 0, 0, 0); // see the header for why not under ASan
#endif
}

} // namespace accred
