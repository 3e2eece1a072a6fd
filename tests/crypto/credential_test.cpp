#include "crypto/base45.h"
#include "crypto/claims_cbor.h"
#include "crypto/cose_sign1.h"
#include "crypto/credential.h"
#include "support/test_support.h"

#include <catch2/catch.hpp>
#include <set>
#include <sodium.h>

using namespace accred;
using accred::test::key_from_label;
using accred::test::typical_claims;

namespace {

const SigningKey& event_key() {
    static const SigningKey key = key_from_label("event key");
    return key;
}

TrustStore trust(const SigningKey& key) {
    TrustStore store;
    store.add(key.public_key());
    return store;
}

std::string signed_typical() { return sign_credential(typical_claims(), event_key()).value(); }

std::vector<std::uint8_t> cose_bytes(const std::string& text) {
    return base45_decode(std::string_view(text).substr(4)).value();
}

std::string text_of(const std::vector<std::uint8_t>& cose) {
    return std::string(kCredentialPrefix) + base45_encode(cose);
}

// Re-signs arbitrary payload bytes with the event key, so tests can put a validly signed but
// malformed claims set in front of the verifier.
std::string sign_raw_payload(const std::vector<std::uint8_t>& payload) {
    CoseSign1 m;
    m.kid = event_key().kid();
    m.payload = payload;
    m.signature = event_key().sign(cose_sig_structure(m.kid, m.payload));
    return text_of(cose_sign1_encode(m));
}

} // namespace

TEST_CASE("A signed credential verifies and returns the same claims", "[credential]") {
    const std::string text = signed_typical();
    CHECK(text.starts_with("AC1:"));
    const Verification v = verify_credential(text, trust(event_key()));
    REQUIRE(v.ok());
    CHECK(v.claims() == typical_claims());
    CHECK(v.signer() == event_key().public_key());
}

TEST_CASE("Signing is deterministic: same claims and key give the same text", "[credential]") {
    CHECK(signed_typical() == signed_typical());
}

TEST_CASE("A typical credential fits in 300 characters", "[credential][size]") {
    // 30-character name, a delegation with a 40-character name mapped to its code, three zones.
    Claims c = typical_claims();
    REQUIRE(c.name.size() == 30);
    c.org = Organisation{200, {}};
    const std::string text = sign_credential(c, event_key()).value();
    CHECK(text.size() <= 300);
    // Each further delegation-name byte costs 1.5 characters: a name spelled out in full is
    // accepted, just longer.
    c.org = Organisation{std::nullopt, std::string(40, 'D')};
    const std::string spelled = sign_credential(c, event_key()).value();
    CHECK(spelled.size() > text.size());
    CHECK(verify_credential(spelled, trust(event_key())).ok());
}

TEST_CASE("Verification reasons for each kind of alteration", "[credential]") {
    const std::string text = signed_typical();
    const auto store = trust(event_key());
    const auto cose = cose_bytes(text);

    SECTION("prefix") {
        CHECK(verify_credential("AC2:" + text.substr(4), store).reason() == Reason::malformed);
        CHECK(verify_credential("ac1:" + text.substr(4), store).reason() == Reason::malformed);
        CHECK(verify_credential(" " + text, store).reason() == Reason::malformed);
        CHECK(verify_credential(text + "\n", store).reason() == Reason::malformed);
        CHECK(verify_credential(text.substr(4), store).reason() == Reason::malformed);
    }
    SECTION("unknown key") {
        CHECK(verify_credential(text, trust(key_from_label("other key"))).reason() ==
              Reason::unknown_key);
        CHECK(verify_credential(text, TrustStore{}).reason() == Reason::unknown_key);
    }
    SECTION("kid altered") {
        auto altered = cose;
        altered[8] ^= 0x01; // first kid byte: D2 84 4D A2 01 27 04 48 <kid>
        CHECK(verify_credential(text_of(altered), store).reason() == Reason::unknown_key);
    }
    SECTION("alg altered to ES256 (-7)") {
        auto altered = cose;
        REQUIRE(altered[5] == 0x27);
        altered[5] = 0x26;
        const Verification v = verify_credential(text_of(altered), store);
        CHECK(v.reason() == Reason::malformed);
        CHECK(v.detail().find("EdDSA") != std::string::npos);
    }
    SECTION("signature altered") {
        auto altered = cose;
        altered[altered.size() - 1] ^= 0x80;
        CHECK(verify_credential(text_of(altered), store).reason() == Reason::bad_signature);
    }
    SECTION("signed by another key claiming our kid") {
        const SigningKey forger = key_from_label("forger");
        CoseSign1 m;
        m.kid = event_key().kid();
        m.payload = claims_encode(typical_claims()).value();
        m.signature = forger.sign(cose_sig_structure(m.kid, m.payload));
        CHECK(verify_credential(text_of(cose_sign1_encode(m)), store).reason() ==
              Reason::bad_signature);
    }
    SECTION("wrong event, not yet valid, expired") {
        const Claims c = typical_claims();
        CHECK(verify_credential(text, store, {"other", std::nullopt}).reason() ==
              Reason::wrong_event);
        CHECK(verify_credential(text, store, {"gp14", c.nbf - 1}).reason() ==
              Reason::not_yet_valid);
        CHECK(verify_credential(text, store, {"gp14", c.nbf}).ok());
        CHECK(verify_credential(text, store, {"gp14", c.exp - 1}).ok());
        CHECK(verify_credential(text, store, {"gp14", c.exp}).reason() == Reason::expired);
    }
}

TEST_CASE("Every single-byte change of a valid credential's COSE bytes is refused",
          "[credential]") {
    const std::string text = signed_typical();
    const auto store = trust(event_key());
    const auto cose = cose_bytes(text);
    // Layout: D2 84 4D <13 protected> A0 58 len <payload> 58 40 <64 signature>
    const std::size_t payload_start = 1 + 1 + 14 + 1 + 2;
    const std::size_t payload_end = cose.size() - 66;
    std::size_t refused = 0;
    for (std::size_t i = 0; i < cose.size(); ++i) {
        for (const int delta : {0x01, 0x80, 0xFF}) {
            auto altered = cose;
            altered[i] = static_cast<std::uint8_t>(altered[i] ^ delta);
            const Verification v = verify_credential(text_of(altered), store);
            CAPTURE(i, delta);
            REQUIRE_FALSE(v.ok());
            ++refused;
            // A changed payload or signature byte fails the signature before any claim is read.
            if ((i >= payload_start && i < payload_end) || i >= cose.size() - 64)
                CHECK(v.reason() == Reason::bad_signature);
        }
    }
    CHECK(refused == cose.size() * 3);
}

TEST_CASE("Every truncation and extension of a credential is refused", "[credential]") {
    const std::string text = signed_typical();
    const auto store = trust(event_key());
    for (std::size_t len = 0; len < text.size(); ++len)
        CHECK_FALSE(verify_credential(text.substr(0, len), store).ok());
    const auto cose = cose_bytes(text);
    for (std::size_t len = 0; len < cose.size(); ++len)
        CHECK(verify_credential(text_of({cose.begin(), cose.begin() + len}), store).reason() ==
              Reason::malformed);
    auto longer = cose;
    longer.push_back(0x00);
    CHECK(verify_credential(text_of(longer), store).reason() == Reason::malformed);
}

TEST_CASE("Validly signed but malformed claims are refused as malformed", "[credential]") {
    const auto store = trust(event_key());
    auto payload = claims_encode(typical_claims()).value();
    REQUIRE(verify_credential(sign_raw_payload(payload), store).ok());

    // Non-minimal integer: re-encode exp (key 4, 1a xxxxxxxx) as 1b 00000000 xxxxxxxx.
    std::vector<std::uint8_t> wide;
    for (std::size_t i = 0; i < payload.size(); ++i) {
        if (i > 0 && payload[i - 1] == 0x04 && payload[i] == 0x1a && wide.size() < 20) {
            wide.insert(wide.end(), {0x1b, 0, 0, 0, 0});
            continue;
        }
        wide.push_back(payload[i]);
    }
    REQUIRE(wide.size() == payload.size() + 4);
    CHECK(verify_credential(sign_raw_payload(wide), store).reason() == Reason::malformed);

    // Claims as an array, as a text, empty, with trailing bytes, with an unknown key.
    CHECK(verify_credential(sign_raw_payload({0x80}), store).reason() == Reason::malformed);
    CHECK(verify_credential(sign_raw_payload({0x60}), store).reason() == Reason::malformed);
    CHECK(verify_credential(sign_raw_payload({0xa0}), store).reason() == Reason::malformed);
    auto trailing = payload;
    trailing.push_back(0x00);
    CHECK(verify_credential(sign_raw_payload(trailing), store).reason() == Reason::malformed);
    auto extra_key = payload;
    extra_key[0] = 0xa8;                                     // map of 8 entries
    extra_key.insert(extra_key.end(), {0x3a, 0, 1, 0, 1, 0}); // -65538: 0
    CHECK(verify_credential(sign_raw_payload(extra_key), store).reason() == Reason::malformed);
}

TEST_CASE("Claims breaking a format rule cannot be signed", "[credential]") {
    auto broken = [](auto change) {
        Claims c = typical_claims();
        change(c);
        return !sign_credential(c, event_key()).ok();
    };
    CHECK(broken([](Claims& c) { c.iss = "gp 2014"; }));
    CHECK(broken([](Claims& c) { c.sub = ""; }));
    CHECK(broken([](Claims& c) { c.sub = std::string(33, 'x'); }));
    CHECK(broken([](Claims& c) { c.name = "Evil\x1b[2JName"; }));
    CHECK(broken([](Claims& c) { c.name = "Bad \xc3 UTF-8"; }));
    CHECK(broken([](Claims& c) { c.name = "Overlong \xc0\xaf"; }));
    CHECK(broken([](Claims& c) { c.name = std::string(65, 'a'); }));
    CHECK(broken([](Claims& c) { c.nbf = c.exp + 1; }));
    CHECK(broken([](Claims& c) { c.zones = {5, 3}; }));
    CHECK(broken([](Claims& c) { c.zones = {3, 3}; }));
    CHECK(broken([](Claims& c) { c.zones = {256}; }));
    CHECK(broken([](Claims& c) { c.category = 256; }));
    CHECK(broken([](Claims& c) { c.org = Organisation{65536, {}}; }));
    CHECK(broken([](Claims& c) { c.rank = 101; }));
    CHECK(broken([](Claims& c) { c.issue = 0; }));
    CHECK(broken([](Claims& c) { c.escort = "has space"; }));
    CHECK_FALSE(broken([](Claims& c) { c.name = "Thorbjørn Jagland"; }));
    CHECK_FALSE(broken([](Claims& c) { c.escort = "P001"; }));
    CHECK_FALSE(broken([](Claims& c) { c.org = Organisation{65535, {}}; }));
}

TEST_CASE("A kid shared by several trusted keys: each is tried", "[credential]") {
    // Real kid collisions cannot be made on purpose; the store is keyed by kid, so the same
    // lookup serves a list. Two different keys with the same kid are simulated by trusting the
    // signing key after another key: verification must still find it.
    TrustStore store;
    store.add(key_from_label("first").public_key());
    store.add(event_key().public_key());
    store.add(event_key().public_key()); // duplicates are kept once
    CHECK(store.size() == 2);
    CHECK(verify_credential(signed_typical(), store).ok());
}

TEST_CASE("Random and mutated credential texts never crash and are never accepted",
          "[credential]") {
    static const std::string alphabet = "0123456789ABCDEFGHIJKLMNOPQRSTUVWXYZ $%*+-./:";
    const std::string text = signed_typical();
    const auto store = trust(event_key());
    for (int round = 0; round < 5000; ++round) {
        std::string t = text;
        const int edits = 1 + static_cast<int>(randombytes_uniform(4));
        for (int e = 0; e < edits; ++e)
            t[4 + randombytes_uniform(static_cast<std::uint32_t>(t.size() - 4))] =
                alphabet[randombytes_uniform(45)];
        if (t == text) continue;
        CHECK_FALSE(verify_credential(t, store).ok());
    }
    for (int round = 0; round < 5000; ++round) {
        std::vector<std::uint8_t> junk(randombytes_uniform(300));
        if (!junk.empty()) randombytes_buf(junk.data(), junk.size());
        if (!junk.empty()) junk[0] = 0xd2;
        CHECK_FALSE(verify_credential(text_of(junk), store).ok());
    }
}
