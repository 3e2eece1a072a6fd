#include "listen_backlog.h"

#include <arpa/inet.h>
#include <cerrno>
#include <cstdlib>
#include <cstring>
#include <dirent.h>
#include <netinet/in.h>
#include <string>
#include <sys/socket.h>

namespace accred {
namespace {

// The TCP port a listening socket is bound to, or -1 for any other descriptor.
int listening_port(int fd) {
    int accepting = 0;
    socklen_t len = sizeof accepting;
    if (::getsockopt(fd, SOL_SOCKET, SO_ACCEPTCONN, &accepting, &len) != 0 || !accepting) return -1;
    sockaddr_storage addr{};
    socklen_t addr_len = sizeof addr;
    if (::getsockname(fd, reinterpret_cast<sockaddr*>(&addr), &addr_len) != 0) return -1;
    if (addr.ss_family == AF_INET) return ntohs(reinterpret_cast<sockaddr_in*>(&addr)->sin_port);
    if (addr.ss_family == AF_INET6) return ntohs(reinterpret_cast<sockaddr_in6*>(&addr)->sin6_port);
    return -1;
}

} // namespace

Status widen_listen_backlog(int port) {
    DIR* fds = ::opendir("/proc/self/fd");
    if (!fds)
        return Error{std::string("cannot list this process's files: ") + std::strerror(errno)};
    bool found = false;
    while (const dirent* e = ::readdir(fds)) {
        char* end = nullptr;
        const long fd = std::strtol(e->d_name, &end, 10);
        if (end == e->d_name || *end != '\0' || fd == ::dirfd(fds)) continue;
        if (listening_port(static_cast<int>(fd)) != port) continue;
        if (::listen(static_cast<int>(fd), SOMAXCONN) != 0) {
            ::closedir(fds);
            return Error{std::string("cannot widen the listen backlog: ") + std::strerror(errno)};
        }
        found = true;
    }
    ::closedir(fds);
    if (!found) return Error{"no listening socket on port " + std::to_string(port)};
    return success();
}

} // namespace accred
