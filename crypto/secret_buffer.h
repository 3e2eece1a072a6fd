// Memory for secrets: sodium_malloc'd (guard pages, locked, not swapped) and wiped on release.
#pragma once

#include <cstddef>
#include <cstdint>
#include <span>
#include <string_view>

namespace accred {

// An owning, move-only buffer for key material and passphrases. The memory is allocated by
// sodium_malloc, so it sits between guard pages, is mlock'ed where the system allows it, and is
// zeroed by sodium_free when the buffer goes away.
class SecretBuffer {
  public:
    SecretBuffer() = default;
    // Allocates size bytes, zero-filled. Aborts on allocation failure (as libsodium does).
    explicit SecretBuffer(std::size_t size);
    ~SecretBuffer();
    SecretBuffer(SecretBuffer&& other) noexcept;
    SecretBuffer& operator=(SecretBuffer&& other) noexcept;
    SecretBuffer(const SecretBuffer&) = delete;
    SecretBuffer& operator=(const SecretBuffer&) = delete;

    std::uint8_t* data() { return data_; }
    const std::uint8_t* data() const { return data_; }
    std::size_t size() const { return size_; }
    bool empty() const { return size_ == 0; }
    std::span<std::uint8_t> span() { return {data_, size_}; }
    std::span<const std::uint8_t> span() const { return {data_, size_}; }
    std::string_view view() const { return {reinterpret_cast<const char*>(data_), size_}; }

    // Shrinks the logical size (the tail is wiped); used after reading a passphrase line.
    void truncate(std::size_t size);

  private:
    std::uint8_t* data_ = nullptr;
    std::size_t size_ = 0;
};

// Initialises libsodium once; every crypto entry point calls it. False if the library is unusable.
[[nodiscard]] bool sodium_ready();

} // namespace accred
