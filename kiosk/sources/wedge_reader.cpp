#include "wedge_reader.h"

#include <algorithm>
#include <cerrno>
#include <cstring>
#include <poll.h>
#include <unistd.h>

namespace accred {
namespace {

bool is_terminator(char c) {
    return c == '\n' || c == '\r';
}

} // namespace

WedgeReader::WedgeReader(int fd, std::size_t max_line) : fd_(fd), max_line_(max_line) {}

std::optional<std::string> WedgeReader::take_line() {
    while (true) {
        std::size_t end = 0;
        while (end < pending_.size() && !is_terminator(pending_[end]))
            ++end;
        if (end == pending_.size()) {
            // No terminator yet: keep what may become a line, unless it is already too long.
            if (discarding_ || pending_.size() > max_line_) {
                if (!discarding_) ++overlong_;
                discarding_ = true;
                pending_.clear();
            }
            return std::nullopt;
        }
        std::string line = pending_.substr(0, end);
        pending_.erase(0, end + 1);
        if (discarding_) { // the tail of an overlong line
            discarding_ = false;
            continue;
        }
        if (line.size() > max_line_) {
            ++overlong_;
            continue;
        }
        if (!line.empty()) return line; // CRLF leaves an empty line between CR and LF
    }
}

Outcome<std::optional<std::string>> WedgeReader::next_line(std::chrono::milliseconds timeout) {
    if (auto line = take_line()) return line;
    if (closed_) return std::optional<std::string>();
    const auto deadline = std::chrono::steady_clock::now() + timeout;
    while (true) {
        const auto left = std::chrono::duration_cast<std::chrono::milliseconds>(
            deadline - std::chrono::steady_clock::now());
        pollfd pfd{fd_, POLLIN, 0};
        const int ready = ::poll(&pfd, 1, static_cast<int>(std::max<long long>(left.count(), 0)));
        if (ready < 0 && errno != EINTR)
            return Error{std::string("cannot wait for the scanner: ") + std::strerror(errno)};
        if (ready > 0 && pfd.revents != 0) {
            char chunk[1024];
            const ssize_t got = ::read(fd_, chunk, sizeof chunk);
            if (got == 0) {
                // A partial last line without Enter is not a complete scan: drop it.
                closed_ = true;
                pending_.clear();
                return std::optional<std::string>();
            }
            if (got < 0 && errno != EINTR && errno != EAGAIN)
                return Error{std::string("cannot read the scanner: ") + std::strerror(errno)};
            if (got > 0) pending_.append(chunk, static_cast<std::size_t>(got));
            if (auto line = take_line()) return line;
        }
        if (std::chrono::steady_clock::now() >= deadline) return std::optional<std::string>();
    }
}

} // namespace accred
