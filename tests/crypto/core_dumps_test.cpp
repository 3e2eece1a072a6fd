// A process holding keys leaves no core file (issue 16, item 6).
#include "crypto/core_dumps.h"

#include <catch2/catch.hpp>
#include <sys/prctl.h>
#include <sys/resource.h>
#include <sys/wait.h>
#include <unistd.h>

TEST_CASE("After keep_secrets_out_of_core_dumps no core is written and the limit is inherited",
          "[core_dumps]") {
    // In a child, so that the test process itself stays debuggable.
    const pid_t child = ::fork();
    REQUIRE(child >= 0);
    if (child == 0) {
        accred::keep_secrets_out_of_core_dumps();
        rlimit core{};
        int bad = ::getrlimit(RLIMIT_CORE, &core) != 0 || core.rlim_cur != 0 || core.rlim_max != 0;
#if !defined(__SANITIZE_ADDRESS__)
        bad |= (::prctl(PR_GET_DUMPABLE, 0, 0, 0, 0) != 0) << 1;
#endif
        // A grandchild inherits the zero limit: it cannot raise it again.
        const rlimit raise{RLIM_INFINITY, RLIM_INFINITY};
        bad |= (::setrlimit(RLIMIT_CORE, &raise) == 0) << 2;
        ::_exit(bad);
    }
    int status = 0;
    REQUIRE(::waitpid(child, &status, 0) == child);
    REQUIRE(WIFEXITED(status));
    CHECK(WEXITSTATUS(status) == 0);
}
