// Lines typed by a keyboard-wedge scanner: the code as keystrokes, then Enter.
#pragma once

#include "crypto/outcome.h"

#include <chrono>
#include <cstddef>
#include <optional>
#include <string>

namespace accred {

class WedgeReader {
  public:
    // An AC1 text is a few hundred characters; anything this long is not a badge.
    static constexpr std::size_t kDefaultMaxLine = 4096;

    // Reads from fd (standard input, a pipe, a tty or a serial scanner), which it does not own
    // and never switches to non-blocking: it polls before each read instead.
    explicit WedgeReader(int fd, std::size_t max_line = kDefaultMaxLine);

    // The next complete line without its terminator (CR, LF or CRLF); empty lines are skipped.
    // nullopt when no complete line arrived within timeout, or at the end of the input (see
    // closed()). A line longer than max_line is dropped whole and counted, never truncated,
    // since a truncated code could be a different, valid one.
    Outcome<std::optional<std::string>> next_line(std::chrono::milliseconds timeout);

    bool closed() const { return closed_; }
    std::size_t overlong_lines() const { return overlong_; }

  private:
    // Takes a complete line out of pending_, if there is one.
    std::optional<std::string> take_line();

    int fd_;
    std::size_t max_line_;
    std::string pending_;     // bytes read but not yet returned
    bool discarding_ = false; // inside an overlong line: drop bytes up to its end
    bool closed_ = false;
    std::size_t overlong_ = 0;
};

} // namespace accred
