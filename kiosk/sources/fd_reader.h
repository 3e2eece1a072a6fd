// Buffered, cancellable reading from a file descriptor (a file, a pipe, standard input).
#pragma once

#include "kiosk/sources/cancel_signal.h"

#include <cstddef>
#include <cstdint>
#include <string>
#include <vector>

namespace accred {

class FdReader {
  public:
    enum class Result {
        ok,        // got everything asked for
        end,       // end of input before the first byte
        truncated, // end of input part way
        too_long,  // read_line: no newline within max_bytes
        cancelled, // the cancel signal was raised
        error,     // a read error; error_text() says which
    };

    // Does not own fd or cancel; both must outlive the reader.
    FdReader(int fd, const CancelSignal& cancel);

    // Reads exactly n bytes into dst.
    Result read_exact(std::uint8_t* dst, std::size_t n);

    // Reads up to and including '\n' and returns the bytes before it in line. At most max_bytes
    // are read looking for the newline, so a stream without one cannot grow memory.
    Result read_line(std::string& line, std::size_t max_bytes);

    const std::string& error_text() const { return error_; }

  private:
    // Waits until fd is readable, then reads once into dst. 0 = end of input, -1 = cancelled or
    // error (error_ set for an error).
    long read_some(std::uint8_t* dst, std::size_t n);
    bool refill(); // false: no more data (end, cancel or error; see ended_/error_)

    int fd_;
    const CancelSignal& cancel_;
    std::vector<std::uint8_t> buffer_;
    std::size_t begin_ = 0; // unread bytes are buffer_[begin_, end_)
    std::size_t end_ = 0;
    bool ended_ = false;
    std::string error_;
};

} // namespace accred
