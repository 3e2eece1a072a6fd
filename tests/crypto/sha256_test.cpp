// crypto/sha256: the published FIPS 180 examples, and random inputs of every length from empty to
// past several blocks against libsodium's independent implementation.
#include "crypto/hex.h"
#include "crypto/sha256.h"

#include <catch2/catch.hpp>
#include <sodium.h>
#include <string>
#include <vector>

using namespace accred;

namespace {

std::string hex_of(const Sha256Digest& d) {
    return hex_encode(d);
}

} // namespace

TEST_CASE("sha256_of gives the FIPS 180 examples' digests", "[crypto][sha256]") {
    CHECK(hex_of(sha256_of(std::string_view(""))) ==
          "e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855");
    CHECK(hex_of(sha256_of(std::string_view("abc"))) ==
          "ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad");
    CHECK(hex_of(sha256_of(
              std::string_view("abcdbcdecdefdefgefghfghighijhijkijkljklmklmnlmnomnopnopq"))) ==
          "248d6a61d20638b8e5c026930c3e6039a33ce45964ff2167f6ecedd419db06c1");
    CHECK(hex_of(sha256_of(std::string(1'000'000, 'a'))) ==
          "cdc76e5c9914fb9281a1c7e284d73e67f1809a48a497200e046d39ccc7112cd0");
}

TEST_CASE("sha256_of agrees with libsodium on random inputs of every length", "[crypto][sha256]") {
    REQUIRE(sodium_init() >= 0);
    std::vector<std::uint8_t> bytes(40'000);
    randombytes_buf(bytes.data(), bytes.size());
    // Every length up to three blocks and a half (padding crosses a block at 56 and 120 bytes),
    // then lengths spread up to a large portrait's 40 KB, at odd offsets so alignment varies.
    std::vector<std::size_t> lengths;
    for (std::size_t n = 0; n <= 224; ++n)
        lengths.push_back(n);
    for (int i = 0; i < 200; ++i)
        lengths.push_back(randombytes_uniform(40'000 - 7));
    for (const std::size_t n : lengths) {
        const std::size_t offset = n % 7;
        const std::span<const std::uint8_t> in(bytes.data() + offset, n);
        Sha256Digest expected{};
        crypto_hash_sha256(expected.data(), in.data(), in.size());
        INFO("length " << n << " at offset " << offset);
        REQUIRE(sha256_of(in) == expected);
    }
    // The string_view overload hashes the same bytes.
    const std::string text(reinterpret_cast<const char*>(bytes.data()), 1000);
    CHECK(sha256_of(text) == sha256_of(std::span<const std::uint8_t>(bytes.data(), 1000)));
}
