// The claims codec's integer fields at their limits: delegation codes (org) 0..65535 in their
// shortest CBOR form, category and zone codes 0..255, and everything else refused as malformed.
#include "crypto/base45.h"
#include "crypto/claims_cbor.h"
#include "crypto/cose_sign1.h"
#include "crypto/credential.h"
#include "support/test_support.h"

#include <algorithm>
#include <catch2/catch.hpp>

using namespace accred;
using accred::test::key_from_label;
using accred::test::typical_claims;

namespace {

using Bytes = std::vector<std::uint8_t>;

Claims with_org_code(std::uint32_t code) {
    Claims c = typical_claims();
    c.org = Organisation{code, {}};
    return c;
}

// bytes with its one occurrence of `from` replaced by `to`.
Bytes replaced(Bytes bytes, const Bytes& from, const Bytes& to) {
    auto at = std::search(bytes.begin(), bytes.end(), from.begin(), from.end());
    REQUIRE(at != bytes.end());
    REQUIRE(std::search(at + 1, bytes.end(), from.begin(), from.end()) == bytes.end());
    at = bytes.erase(at, at + static_cast<std::ptrdiff_t>(from.size()));
    bytes.insert(at, to.begin(), to.end());
    return bytes;
}

// The typical claims' payload with org's value written as `value` (typical_claims has org 7 and
// category 2: the accreditation holds 02 07 03 02 once).
Bytes payload_with_org(const Bytes& value) {
    Bytes to{0x02};
    to.insert(to.end(), value.begin(), value.end());
    to.insert(to.end(), {0x03, 0x02});
    return replaced(claims_encode(typical_claims()).value(), {0x02, 0x07, 0x03, 0x02}, to);
}

// What the verifier says of payload when the event key really signed it: "ok" or the reason.
std::string verdict_when_signed(const Bytes& payload) {
    static const SigningKey key = key_from_label("claims codec test key");
    CoseSign1 m;
    m.kid = key.kid();
    m.payload = payload;
    m.signature = key.sign(cose_sig_structure(m.kid, m.payload));
    TrustStore trusted;
    trusted.add(key.public_key());
    const std::string text = std::string(kCredentialPrefix) + base45_encode(cose_sign1_encode(m));
    const Verification v = verify_credential(text, trusted);
    return v.ok() ? "ok" : std::string(reason_name(v.reason()));
}

} // namespace

TEST_CASE("Delegation codes 0 to 65535 round-trip in their shortest CBOR form", "[claims]") {
    // 0..255 keep the 1- and 2-byte forms they always had; 256..65535 take 19 + two bytes.
    const std::vector<std::pair<std::uint32_t, Bytes>> forms = {{0, {0x00}},
                                                                {23, {0x17}},
                                                                {24, {0x18, 0x18}},
                                                                {255, {0x18, 0xff}},
                                                                {256, {0x19, 0x01, 0x00}},
                                                                {300, {0x19, 0x01, 0x2c}},
                                                                {65535, {0x19, 0xff, 0xff}}};
    for (const auto& [code, value] : forms) {
        CAPTURE(code);
        const auto encoded = claims_encode(with_org_code(code));
        REQUIRE(encoded);
        CHECK(encoded.value() == payload_with_org(value));
        const auto decoded = claims_decode(encoded.value());
        REQUIRE(decoded);
        REQUIRE(decoded->org);
        CHECK(decoded->org->code == code);
        CHECK(decoded.value() == with_org_code(code));
        CHECK(verdict_when_signed(encoded.value()) == "ok");
    }
}

TEST_CASE("A delegation code above 65535 is refused by the encoder and the decoder", "[claims]") {
    const auto refused = claims_encode(with_org_code(65536));
    REQUIRE_FALSE(refused);
    CHECK_THAT(refused.error().message, Catch::Contains("delegation code above 65535"));
    for (const Bytes& value : {Bytes{0x1a, 0x00, 0x01, 0x00, 0x00},    // 65536
                               Bytes{0x1a, 0xff, 0xff, 0xff, 0xff},    // 2^32 - 1
                               Bytes{0x1b, 0, 0, 0, 1, 0, 0, 0, 0}}) { // 2^32
        CAPTURE(value);
        const Bytes payload = payload_with_org(value);
        const auto decoded = claims_decode(payload);
        REQUIRE_FALSE(decoded);
        CHECK_THAT(decoded.error().message, Catch::Contains("org"));
        CHECK(verdict_when_signed(payload) == "malformed");
    }
}

TEST_CASE("A delegation code in a longer form than needed is malformed", "[claims]") {
    // Each is a code in range, written with more bytes than its shortest form.
    for (const Bytes& value :
         {Bytes{0x19, 0x00, 0x07}, Bytes{0x18, 0x07}, Bytes{0x19, 0x00, 0xff},
          Bytes{0x1a, 0x00, 0x00, 0x01, 0x00}, Bytes{0x1a, 0x00, 0x00, 0xff, 0xff},
          Bytes{0x1b, 0, 0, 0, 0, 0, 0, 0x01, 0x2c}}) {
        CAPTURE(value);
        const Bytes payload = payload_with_org(value);
        CHECK_FALSE(claims_decode(payload));
        CHECK(verdict_when_signed(payload) == "malformed");
    }
}

TEST_CASE("Category and zone codes stay 0 to 255", "[claims]") {
    Claims c = typical_claims();
    c.category = 256;
    CHECK_FALSE(claims_encode(c));
    c = typical_claims();
    c.zones = {3, 256};
    CHECK_FALSE(claims_encode(c));
    // Validly encoded 256 in their places (category 02 -> 19 0100; zone 09 -> 19 0100).
    const Bytes typical = claims_encode(typical_claims()).value();
    const Bytes category = replaced(typical, {0x03, 0x02, 0x04}, {0x03, 0x19, 0x01, 0x00, 0x04});
    const Bytes zone =
        replaced(typical, {0x83, 0x03, 0x05, 0x09}, {0x83, 0x03, 0x05, 0x19, 0x01, 0x00});
    for (const Bytes& payload : {category, zone}) {
        CHECK_FALSE(claims_decode(payload));
        CHECK(verdict_when_signed(payload) == "malformed");
    }
}
