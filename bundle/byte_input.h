// Where a bundle's bytes come from, read a piece at a time: a file (kiosk enroll and update
// read one from a stick without holding it all) or bytes already in memory (a delta the desk
// handed down over the network).
#pragma once

#include "crypto/outcome.h"

#include <cstdint>
#include <span>
#include <string>

namespace accred {

class ByteInput {
  public:
    // Opens a regular file for reading; refuses anything else (a fifo, a device, a folder).
    static Outcome<ByteInput> open_file(const std::string& path);
    // Reads from bytes, which must outlive the ByteInput.
    explicit ByteInput(std::span<const std::uint8_t> bytes, std::string name = "the bytes");
    ByteInput(ByteInput&& other) noexcept;
    ByteInput& operator=(ByteInput&& other) noexcept;
    ByteInput(const ByteInput&) = delete;
    ByteInput& operator=(const ByteInput&) = delete;
    ~ByteInput();

    // Fills into exactly; an Error naming the input when fewer bytes are left (truncated).
    Status read_exact(std::span<std::uint8_t> into);
    // The next byte without consuming it, or -1 at the end (or on a read error).
    int peek();
    // True when every byte has been read.
    bool at_end() { return peek() < 0; }
    std::uint64_t size() const { return size_; }
    const std::string& name() const { return name_; }

  private:
    ByteInput() = default;
    Status fill_from_file(std::span<std::uint8_t> into);

    int fd_ = -1;
    std::span<const std::uint8_t> memory_;
    std::uint64_t size_ = 0;
    std::uint64_t position_ = 0;
    int peeked_ = -2; // -2: nothing peeked; otherwise the byte (or -1: end) peek() saw
    std::string name_;
};

} // namespace accred
