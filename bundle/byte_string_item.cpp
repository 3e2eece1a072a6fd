#include "byte_string_item.h"

#include <array>

namespace accred {
namespace {

constexpr std::uint8_t kByteStringMajor = 0x40; // major type 2
constexpr std::uint8_t kFollowing1 = 24;        // additional information: length in 1 byte
constexpr std::uint8_t kFollowing8 = 27;        // ... up to 8 bytes

} // namespace

std::vector<std::uint8_t> byte_string_head(std::uint64_t n) {
    if (n < kFollowing1) return {static_cast<std::uint8_t>(kByteStringMajor | n)};
    int bytes = n <= 0xFF ? 1 : n <= 0xFFFF ? 2 : n <= 0xFFFFFFFFull ? 4 : 8;
    const int info = kFollowing1 + (bytes == 1 ? 0 : bytes == 2 ? 1 : bytes == 4 ? 2 : 3);
    std::vector<std::uint8_t> head{static_cast<std::uint8_t>(kByteStringMajor | info)};
    for (int i = bytes - 1; i >= 0; --i)
        head.push_back(static_cast<std::uint8_t>(n >> (8 * i)));
    return head;
}

Outcome<std::vector<std::uint8_t>> read_byte_string(ByteInput& in, std::uint64_t max,
                                                    const std::string& what) {
    std::array<std::uint8_t, 1> first{};
    if (auto s = in.read_exact(first); !s) return Error{what + ": " + s.error().message};
    if ((first[0] & 0xE0) != kByteStringMajor)
        return Error{what + " is not where it should be (not a CBOR byte string)"};
    const std::uint8_t info = first[0] & 0x1F;
    if (info > kFollowing8) return Error{what + " has an indefinite or invalid length"};
    std::uint64_t length = info;
    if (info >= kFollowing1) {
        const std::size_t bytes = std::size_t{1} << (info - kFollowing1);
        std::array<std::uint8_t, 8> buffer{};
        if (auto s = in.read_exact(std::span(buffer.data(), bytes)); !s)
            return Error{what + ": " + s.error().message};
        length = 0;
        for (std::size_t i = 0; i < bytes; ++i)
            length = (length << 8) | buffer[i];
        // Deterministic encoding: the shortest head that holds the length.
        if (byte_string_head(length).size() != 1 + bytes)
            return Error{what + " has a length not in its shortest form"};
    }
    if (length > max)
        return Error{what + " is " + std::to_string(length) + " bytes, more than the " +
                     std::to_string(max) + " allowed"};
    if (length > in.size())
        return Error{what + " claims " + std::to_string(length) + " bytes, more than " + in.name() +
                     " holds: truncated"};
    std::vector<std::uint8_t> content(static_cast<std::size_t>(length));
    if (auto s = in.read_exact(content); !s) return Error{what + ": " + s.error().message};
    return content;
}

} // namespace accred
