// Internal to fleet/tls: the process's limit on open files, which bounds how many connections
// the desk's server can hold at once.
#pragma once

#include <cstddef>

namespace accred::tls_internal {

// Raises the soft RLIMIT_NOFILE to the hard limit (Debian's default soft limit, 1024, is used up
// by a thousand idle connections) and returns the soft limit in force afterwards. Raising it is
// harmless for this process: it uses poll/epoll, never select(), whose fd_set stops at 1024.
std::size_t raise_open_file_limit();

} // namespace accred::tls_internal
