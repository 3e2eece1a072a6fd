// cpp-httplib 0.11 (Debian 12's) listens with a backlog of 5 and offers no way to change it: 35
// desks opening connections at once overflow it, and the connections dropped then fail in the
// browser. Linux lets listen() be called again on a listening socket to set a new backlog; this
// finds the server's socket by its port and does that.
#pragma once

#include "crypto/outcome.h"

namespace accred {

// Sets the backlog of this process's listening TCP socket on port to the system's maximum
// (SOMAXCONN); an Error when no such socket is found.
[[nodiscard]] Status widen_listen_backlog(int port);

} // namespace accred
