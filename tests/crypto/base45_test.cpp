#include "crypto/base45.h"

#include <catch2/catch.hpp>
#include <sodium.h>
#include <string>

using namespace accred;

namespace {
std::vector<std::uint8_t> bytes_of(const std::string& s) { return {s.begin(), s.end()}; }
} // namespace

TEST_CASE("Base45 encodes the RFC 9285 examples", "[base45]") {
    CHECK(base45_encode(bytes_of("AB")) == "BB8");
    CHECK(base45_encode(bytes_of("Hello!!")) == "%69 VD92EX0");
    CHECK(base45_encode(bytes_of("base-45")) == "UJCLQE7W581");
    CHECK(base45_encode(bytes_of("ietf!")) == "QED8WEX0");
    CHECK(base45_encode({}) == "");
}

TEST_CASE("Base45 decodes the RFC 9285 examples", "[base45]") {
    CHECK(base45_decode("QED8WEX0") == bytes_of("ietf!"));
    CHECK(base45_decode("BB8") == bytes_of("AB"));
    CHECK(base45_decode("%69 VD92EX0") == bytes_of("Hello!!"));
    CHECK(base45_decode("") == std::vector<std::uint8_t>{});
}

TEST_CASE("Base45 decoding refuses every non-canonical text", "[base45]") {
    CHECK_FALSE(base45_decode("GGW"));      // 65536: RFC 9285 section 6's invalid example
    CHECK_FALSE(base45_decode("ZZZ"));      // 91124
    CHECK_FALSE(base45_decode("ZZ"));       // final pair 1610 > 255
    CHECK_FALSE(base45_decode("A"));        // length 1 mod 3
    CHECK_FALSE(base45_decode("BB8A"));     // length 1 mod 3
    CHECK_FALSE(base45_decode("bb8"));      // lower case is not in the alphabet
    CHECK_FALSE(base45_decode("BB#"));      // '#' is not in the alphabet
    CHECK_FALSE(base45_decode("BB8\n"));    // no white space allowed
    CHECK_FALSE(base45_decode(std::string("B\0" "8", 3)));
    CHECK(base45_decode("FGW")); // 65535, the largest valid group
    CHECK(base45_decode("U5")); // 255, the largest valid final pair
    CHECK_FALSE(base45_decode("V5")); // 256
}

TEST_CASE("Base45 round-trips random bytes of every length up to 300", "[base45]") {
    for (std::size_t len = 0; len <= 300; ++len) {
        std::vector<std::uint8_t> data(len);
        if (!data.empty()) randombytes_buf(data.data(), data.size());
        const std::string text = base45_encode(data);
        CHECK(text.size() == len / 2 * 3 + len % 2 * 2);
        REQUIRE(base45_decode(text) == data);
    }
}

TEST_CASE("Base45 decoding of random text never crashes and is canonical", "[base45]") {
    static const std::string alphabet = "0123456789ABCDEFGHIJKLMNOPQRSTUVWXYZ $%*+-./:";
    for (int round = 0; round < 20000; ++round) {
        const std::size_t len = randombytes_uniform(12);
        std::string text;
        for (std::size_t i = 0; i < len; ++i) text += alphabet[randombytes_uniform(45)];
        if (auto decoded = base45_decode(text)) CHECK(base45_encode(*decoded) == text);
    }
}
