#include "fd_reader.h"

#include <algorithm>
#include <cerrno>
#include <cstring>
#include <poll.h>
#include <unistd.h>

namespace accred {
namespace {

constexpr std::size_t kBufferBytes = 64 * 1024;
// Waits are sliced so a missing eventfd still notices cancellation within this time.
constexpr int kPollSliceMs = 250;

} // namespace

FdReader::FdReader(int fd, const CancelSignal& cancel)
    : fd_(fd), cancel_(cancel), buffer_(kBufferBytes) {}

long FdReader::read_some(std::uint8_t* dst, std::size_t n) {
    while (true) {
        if (cancel_.raised()) return -1;
        pollfd fds[2] = {{fd_, POLLIN, 0}, {cancel_.fd(), POLLIN, 0}};
        const int ready = ::poll(fds, cancel_.fd() >= 0 ? 2 : 1, kPollSliceMs);
        if (ready < 0 && errno != EINTR) {
            error_ = std::string("cannot wait for input: ") + std::strerror(errno);
            return -1;
        }
        if (ready <= 0 || fds[0].revents == 0) continue;
        const ssize_t got = ::read(fd_, dst, n);
        if (got >= 0) return static_cast<long>(got);
        if (errno == EINTR || errno == EAGAIN || errno == EWOULDBLOCK) continue;
        error_ = std::string("read error: ") + std::strerror(errno);
        return -1;
    }
}

bool FdReader::refill() {
    if (ended_) return false;
    begin_ = 0;
    end_ = 0;
    const long got = read_some(buffer_.data(), buffer_.size());
    if (got <= 0) {
        ended_ = got == 0;
        return false;
    }
    end_ = static_cast<std::size_t>(got);
    return true;
}

FdReader::Result FdReader::read_exact(std::uint8_t* dst, std::size_t n) {
    std::size_t done = 0;
    while (done < n) {
        if (begin_ < end_) {
            const std::size_t take = std::min(n - done, end_ - begin_);
            std::memcpy(dst + done, buffer_.data() + begin_, take);
            begin_ += take;
            done += take;
            continue;
        }
        // Large remainders go straight to dst: a frame is read without an extra copy.
        if (n - done >= buffer_.size() && !ended_) {
            const long got = read_some(dst + done, n - done);
            if (got > 0) {
                done += static_cast<std::size_t>(got);
                continue;
            }
            ended_ = got == 0;
        } else if (refill()) {
            continue;
        }
        if (!error_.empty()) return Result::error;
        if (!ended_) return Result::cancelled;
        return done == 0 ? Result::end : Result::truncated;
    }
    return Result::ok;
}

FdReader::Result FdReader::read_line(std::string& line, std::size_t max_bytes) {
    line.clear();
    while (true) {
        if (begin_ == end_ && !refill()) {
            if (!error_.empty()) return Result::error;
            if (!ended_) return Result::cancelled;
            return line.empty() ? Result::end : Result::truncated;
        }
        const auto* first = buffer_.data() + begin_;
        const auto* last = buffer_.data() + end_;
        const auto* newline = std::find(first, last, std::uint8_t{'\n'});
        const std::size_t take = static_cast<std::size_t>(newline - first);
        if (line.size() + take > max_bytes) return Result::too_long;
        line.append(reinterpret_cast<const char*>(first), take);
        begin_ += take;
        if (newline != last) {
            ++begin_;
            return Result::ok;
        }
    }
}

} // namespace accred
