#include "byte_input.h"

#include <cerrno>
#include <cstring>
#include <fcntl.h>
#include <sys/stat.h>
#include <unistd.h>
#include <utility>

namespace accred {

Outcome<ByteInput> ByteInput::open_file(const std::string& path) {
    ByteInput in;
    in.name_ = path;
    in.fd_ = ::open(path.c_str(), O_RDONLY | O_CLOEXEC | O_NOCTTY);
    if (in.fd_ < 0) return Error{"cannot open " + path + ": " + std::strerror(errno)};
    struct stat st {};
    if (::fstat(in.fd_, &st) != 0 || !S_ISREG(st.st_mode))
        return Error{path + " is not a regular file"};
    in.size_ = static_cast<std::uint64_t>(st.st_size);
    return in;
}

ByteInput::ByteInput(std::span<const std::uint8_t> bytes, std::string name)
    : memory_(bytes), size_(bytes.size()), name_(std::move(name)) {}

ByteInput::ByteInput(ByteInput&& other) noexcept
    : fd_(std::exchange(other.fd_, -1)), memory_(other.memory_), size_(other.size_),
      position_(other.position_), peeked_(other.peeked_), name_(std::move(other.name_)) {}

ByteInput& ByteInput::operator=(ByteInput&& other) noexcept {
    if (this != &other) {
        if (fd_ >= 0) ::close(fd_);
        fd_ = std::exchange(other.fd_, -1);
        memory_ = other.memory_;
        size_ = other.size_;
        position_ = other.position_;
        peeked_ = other.peeked_;
        name_ = std::move(other.name_);
    }
    return *this;
}

ByteInput::~ByteInput() {
    if (fd_ >= 0) ::close(fd_);
}

Status ByteInput::fill_from_file(std::span<std::uint8_t> into) {
    std::size_t done = 0;
    while (done < into.size()) {
        const ssize_t n = ::read(fd_, into.data() + done, into.size() - done);
        if (n < 0 && errno == EINTR) continue;
        if (n < 0) return Error{"cannot read " + name_ + ": " + std::strerror(errno)};
        if (n == 0) return Error{name_ + " ends too early: truncated"};
        done += static_cast<std::size_t>(n);
    }
    return success();
}

Status ByteInput::read_exact(std::span<std::uint8_t> into) {
    if (into.empty()) return success();
    if (peeked_ == -1) return Error{name_ + " ends too early: truncated"};
    if (peeked_ >= 0) {
        into[0] = static_cast<std::uint8_t>(peeked_);
        peeked_ = -2;
        into = into.subspan(1);
        if (into.empty()) return success();
    }
    if (fd_ < 0) {
        if (memory_.size() - position_ < into.size())
            return Error{name_ + " ends too early: truncated"};
        std::memcpy(into.data(), memory_.data() + position_, into.size());
    } else if (auto s = fill_from_file(into); !s) {
        return s;
    }
    position_ += into.size();
    return success();
}

int ByteInput::peek() {
    if (peeked_ != -2) return peeked_;
    std::uint8_t byte = 0;
    if (fd_ < 0) {
        if (position_ >= memory_.size()) return peeked_ = -1;
        byte = memory_[position_];
    } else {
        ssize_t n = 0;
        do
            n = ::read(fd_, &byte, 1);
        while (n < 0 && errno == EINTR);
        if (n != 1) return peeked_ = -1;
    }
    ++position_;
    return peeked_ = byte;
}

} // namespace accred
