#include "secret_buffer.h"

#include <cstdlib>
#include <sodium.h>
#include <utility>

namespace accred {

bool sodium_ready() {
    static const bool ready = sodium_init() >= 0;
    return ready;
}

SecretBuffer::SecretBuffer(std::size_t size) : size_(size) {
    if (!sodium_ready()) std::abort();
    // sodium_malloc(0) is valid but returns a pointer we must still free; keep one byte minimum.
    data_ = static_cast<std::uint8_t*>(sodium_malloc(size == 0 ? 1 : size));
    if (data_ == nullptr) std::abort();
    sodium_memzero(data_, size == 0 ? 1 : size);
}

SecretBuffer::~SecretBuffer() {
    if (data_ != nullptr) sodium_free(data_); // sodium_free zeroes before releasing
}

SecretBuffer::SecretBuffer(SecretBuffer&& other) noexcept
    : data_(std::exchange(other.data_, nullptr)), size_(std::exchange(other.size_, 0)) {}

SecretBuffer& SecretBuffer::operator=(SecretBuffer&& other) noexcept {
    if (this != &other) {
        if (data_ != nullptr) sodium_free(data_);
        data_ = std::exchange(other.data_, nullptr);
        size_ = std::exchange(other.size_, 0);
    }
    return *this;
}

void SecretBuffer::truncate(std::size_t size) {
    if (size >= size_) return;
    sodium_memzero(data_ + size, size_ - size);
    size_ = size;
}

} // namespace accred
