// The claims codec's integer fields at their limits: delegation codes (org) 0..65535 in their
// shortest CBOR form, category and zone codes 0..255, and everything else refused as malformed;
// and its direct writer against the generic value-tree encoder on random claims.
#include "crypto/base45.h"
#include "crypto/cbor_codec.h"
#include "crypto/cbor_value.h"
#include "crypto/claims_cbor.h"
#include "crypto/cose_sign1.h"
#include "crypto/credential.h"
#include "support/splitmix_random.h"
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

namespace {

// The claims as the generic encoder writes them from a value tree (how claims_encode built them
// before it wrote them directly): the reference the direct writer must match byte for byte.
Bytes tree_encoding(const Claims& c) {
    const auto text = [](const std::string& s) { return CborValue::make_text(s); };
    const auto bytes = [](const auto& a) {
        return CborValue::make_bytes(std::string(a.begin(), a.end()));
    };
    std::vector<std::pair<CborValue, CborValue>> acc;
    acc.emplace_back(CborValue::make_int(1), text(c.name));
    if (c.org)
        acc.emplace_back(CborValue::make_int(2), c.org->code ? CborValue::make_uint(*c.org->code)
                                                             : text(c.org->name));
    acc.emplace_back(CborValue::make_int(3), CborValue::make_uint(c.category));
    acc.emplace_back(CborValue::make_int(4), CborValue::make_uint(c.rank));
    if (!c.zones.empty()) {
        std::vector<CborValue> zones;
        for (const auto z : c.zones) zones.push_back(CborValue::make_uint(z));
        acc.emplace_back(CborValue::make_int(5), CborValue::make_array(std::move(zones)));
    }
    acc.emplace_back(CborValue::make_int(6), bytes(c.photo));
    acc.emplace_back(CborValue::make_int(7), CborValue::make_uint(c.issue));
    if (c.escort) acc.emplace_back(CborValue::make_int(8), text(*c.escort));
    return cbor_encode(CborValue::make_map({
        {CborValue::make_int(1), text(c.iss)},
        {CborValue::make_int(2), text(c.sub)},
        {CborValue::make_int(4), CborValue::make_uint(c.exp)},
        {CborValue::make_int(5), CborValue::make_uint(c.nbf)},
        {CborValue::make_int(6), CborValue::make_uint(c.iat)},
        {CborValue::make_int(7), bytes(c.cti)},
        {CborValue::make_int(-65537), CborValue::make_map(std::move(acc))},
    }));
}

} // namespace

TEST_CASE("the claims' direct writer matches the value-tree encoding, and decodes back",
          "[crypto]") {
    // 2,000 random claims: every optional field present or not, names and ids of lengths either
    // side of the CBOR head boundaries (23/24), codes and times at and between their limits.
    test::SplitmixRandom random{21};
    const auto next = [&](std::uint64_t bound) { return random.below(bound); };
    const auto id = [&](std::size_t n) { return std::string(n, static_cast<char>('a' + next(26))); };
    for (int i = 0; i < 2000; ++i) {
        Claims c = typical_claims();
        c.iss = id(1 + next(32));
        c.sub = id(1 + next(32));
        c.iat = next(3) == 0 ? next(24) : next(ClaimLimits::kMaxTime / 2);
        c.nbf = c.iat + next(1000);
        c.exp = c.nbf + next(ClaimLimits::kMaxTime / 4);
        for (auto& b : c.cti) b = static_cast<std::uint8_t>(next(256));
        for (auto& b : c.photo) b = static_cast<std::uint8_t>(next(256));
        c.name = std::string(1 + next(64), 'N');
        c.org = std::nullopt;
        if (next(3) == 1) c.org = Organisation{static_cast<std::uint32_t>(next(65536)), {}};
        if (next(3) == 2) c.org = Organisation{std::nullopt, std::string(1 + next(64), 'O')};
        c.category = static_cast<std::uint32_t>(next(256));
        c.rank = static_cast<std::uint32_t>(next(ClaimLimits::kMaxRank + 1));
        c.zones.clear();
        for (std::uint32_t z = 0; z < 256 && c.zones.size() < ClaimLimits::kMaxZones; z += 1 + static_cast<std::uint32_t>(next(40)))
            if (next(2) == 0) c.zones.push_back(z);
        c.issue = 1 + static_cast<std::uint32_t>(next(3) == 0 ? next(30) : next(UINT32_MAX));
        c.escort = next(2) == 0 ? std::nullopt : std::optional<std::string>(id(1 + next(32)));
        CAPTURE(i);
        const auto direct = claims_encode(c);
        REQUIRE(direct);
        CHECK(direct.value() == tree_encoding(c));
        const auto back = claims_decode(direct.value());
        REQUIRE(back);
        CHECK(back.value() == c);
    }
}
