#include "crypto/cbor_codec.h"
#include "support/test_support.h"

#include <catch2/catch.hpp>
#include <sodium.h>

using namespace accred;
using accred::test::unhex;

namespace {
Outcome<CborValue> decode_hex(const std::string& hex, const CborLimits& limits = {}) {
    return cbor_decode_strict(unhex(hex), limits);
}
} // namespace

TEST_CASE("CBOR encoding uses the shortest forms (RFC 8949 appendix A)", "[cbor]") {
    CHECK(cbor_encode(CborValue::make_uint(0)) == unhex("00"));
    CHECK(cbor_encode(CborValue::make_uint(23)) == unhex("17"));
    CHECK(cbor_encode(CborValue::make_uint(24)) == unhex("1818"));
    CHECK(cbor_encode(CborValue::make_uint(1000)) == unhex("1903e8"));
    CHECK(cbor_encode(CborValue::make_uint(1000000)) == unhex("1a000f4240"));
    CHECK(cbor_encode(CborValue::make_uint(1000000000000)) == unhex("1b000000e8d4a51000"));
    CHECK(cbor_encode(CborValue::make_int(-1)) == unhex("20"));
    CHECK(cbor_encode(CborValue::make_int(-8)) == unhex("27"));
    CHECK(cbor_encode(CborValue::make_int(-1000)) == unhex("3903e7"));
    CHECK(cbor_encode(CborValue::make_int(-65537)) == unhex("3a00010000"));
    CHECK(cbor_encode(CborValue::make_text("IETF")) == unhex("6449455446"));
    CHECK(cbor_encode(CborValue::make_bytes(std::string("\x01\x02\x03\x04", 4))) ==
          unhex("4401020304"));
    CHECK(cbor_encode(CborValue::make_array({CborValue::make_uint(1), CborValue::make_uint(2)})) ==
          unhex("820102"));
    CHECK(cbor_encode(CborValue::make_tag(18, CborValue::make_array({}))) == unhex("d280"));
}

TEST_CASE("CBOR strict decoding accepts deterministic data and round-trips it", "[cbor]") {
    for (const char* hex : {"00", "17", "1818", "1903e8", "3a00010000", "6449455446", "820102",
                            "a201020304", "a1616161a0", "80", "a0", "40", "60"}) {
        CAPTURE(hex);
        auto v = decode_hex(hex);
        REQUIRE(v);
        CHECK(cbor_encode(v.value()) == unhex(hex));
    }
}

TEST_CASE("CBOR strict decoding refuses everything outside deterministic CBOR", "[cbor]") {
    const std::pair<const char*, const char*> cases[] = {
        {"1817", "integer 23 in two bytes"},
        {"190017", "integer 23 in three bytes"},
        {"1a000003e8", "integer 1000 in five bytes"},
        {"5801ff", "byte string length in two bytes"},
        {"9f0102ff", "indefinite-length array"},
        {"bf0102ff", "indefinite-length map"},
        {"5f4101ff", "indefinite-length byte string"},
        {"7f6161ff", "indefinite-length text string"},
        {"f4", "false"},
        {"f6", "null"},
        {"f7", "undefined"},
        {"f93c00", "half float"},
        {"fb3ff0000000000000", "double"},
        {"c11a514b67b0", "a tag"},
        {"a202010102", "duplicate key"},
        {"a203010201", "keys out of order"},
        {"a2200001 00", "negative key sorted before a positive one"},
        {"0000", "trailing bytes"},
        {"83 01 02", "truncated"},
        {"8201", "truncated array"},
        {"", "empty input"},
        {"5affffffff00", "byte string length beyond the data"},
        {"9bffffffffffffffff", "array count beyond the data"},
        {"bbffffffffffffffff", "map count beyond the data"},
        {"ff", "a lone break"},
        {"1c", "reserved additional information"},
    };
    for (const auto& [hex, why] : cases) {
        std::string compact;
        for (const char* p = hex; *p; ++p)
            if (*p != ' ') compact += *p;
        CAPTURE(hex, why);
        CHECK_FALSE(decode_hex(compact));
    }
}

TEST_CASE("CBOR strict decoding bounds depth and item count", "[cbor]") {
    std::string deep;
    for (int i = 0; i < 9; ++i) deep += "81";
    deep += "00";
    CHECK_FALSE(decode_hex(deep));          // 9 nested arrays > default depth 8
    CHECK(decode_hex(deep.substr(2)));      // 8 nested arrays are fine
    CborLimits few;
    few.max_items = 3;
    CHECK(decode_hex("820102", few));       // array + 2 items
    CHECK_FALSE(decode_hex("83010203", few)); // array + 3 items
}

TEST_CASE("CBOR strict decoding of random and mutated bytes never crashes", "[cbor]") {
    const auto valid = unhex("a3016667703230313402644430343204821a533b53001a533b5301");
    for (int round = 0; round < 20000; ++round) {
        std::vector<std::uint8_t> data;
        if (round % 2 == 0) {
            data.resize(randombytes_uniform(40));
            if (!data.empty()) randombytes_buf(data.data(), data.size());
        } else {
            data = valid;
            data[randombytes_uniform(static_cast<std::uint32_t>(data.size()))] =
                static_cast<std::uint8_t>(randombytes_uniform(256));
            data.resize(randombytes_uniform(static_cast<std::uint32_t>(data.size()) + 1));
        }
        auto v = cbor_decode_strict(data);
        if (v) CHECK(cbor_encode(v.value()) == data);
    }
}
