// Ed25519 through libsodium: RFC 8032 vectors and the signature edge cases of Wycheproof and
// "Taming the many EdDSAs" (Chalkias et al.), all of which must be refused.
#include "crypto/public_key.h"
#include "crypto/signing_key.h"
#include "support/test_support.h"

#include <catch2/catch.hpp>
#include <sodium.h>

using namespace accred;
using accred::test::unhex;

namespace {

struct Rfc8032Case {
    const char* seed;
    const char* public_key;
    const char* message;
    const char* signature;
};

// RFC 8032 section 7.1, TEST 1 to 3.
const Rfc8032Case kRfc8032[] = {
    {"9d61b19deffd5a60ba844af492ec2cc44449c5697b326919703bac031cae7f60",
     "d75a980182b10ab7d54bfed3c964073a0ee172f3daa62325af021a68f707511a", "",
     "e5564300c360ac729086e2cc806e828a84877f1eb8e5d974d873e065224901555fb8821590a33bacc61e39701cf9"
     "b46bd25bf5f0595bbe24655141438e7a100b"},
    {"4ccd089b28ff96da9db6c346ec114e0f5b8a319f35aba624da8cf6ed4fb8a6fb",
     "3d4017c3e843895a92b70aa74d1b7ebc9c982ccf2ec4968cc0cd55f12af4660c", "72",
     "92a009a9f0d4cab8720e820b5f642540a2b27b5416503f8fb3762223ebdb69da085ac1e43e15996e458f3613d0f1"
     "1d8c387b2eaeb4302aeeb00d291612bb0c00"},
    {"c5aa8df43f9f837bedb7442f31dcb7b166d38535076f094b85ce3a2e0b4458f7",
     "fc51cd8e6218a1a38da47ed00230f0580816ed13ba3303ac5deb911548908025", "af82",
     "6291d657deec24024827e69c3abe01a30ce548a284743a445e3680d7db5ac3ac18ff9b538d16f290ae67f760984d"
     "c6594a7c15e9716ed28dc027beceea1ec40a"},
};

// The group order L = 2^252 + 27742317777372353535851937790883648493, little-endian.
const char* kOrderL = "edd3f55c1a631258d69cf7a2def9de1400000000000000000000000000000010";

// Adds L to the scalar S (the signature's last 32 bytes), little-endian: S + L is the same
// residue but not canonical, the classic malleability that must be refused.
std::array<std::uint8_t, 64> add_order_to_s(std::array<std::uint8_t, 64> sig) {
    const auto l = unhex(kOrderL);
    unsigned carry = 0;
    for (int i = 0; i < 32; ++i) {
        const unsigned sum = sig[32 + i] + l[i] + carry;
        sig[32 + i] = static_cast<std::uint8_t>(sum);
        carry = sum >> 8;
    }
    return sig;
}

PublicKey raw_public_key(const std::vector<std::uint8_t>& bytes) {
    PublicKey key;
    std::copy(bytes.begin(), bytes.end(), key.bytes.begin());
    return key;
}

// Small-order and non-canonical point encodings (the eight small-order points and non-canonical
// encodings of some of them, as listed in "Taming the many EdDSAs", table 6 and libsodium).
const char* kBadPoints[] = {
    "0100000000000000000000000000000000000000000000000000000000000000", // identity, order 1
    "ecffffffffffffffffffffffffffffffffffffffffffffffffffffffffffff7f", // order 2
    "0000000000000000000000000000000000000000000000000000000000000080", // order 4, x sign set
    "0000000000000000000000000000000000000000000000000000000000000000", // order 4
    "c7176a703d4dd84fba3c0b760d10670f2a2053fa2c39ccc64ec7fd7792ac037a", // order 8
    "c7176a703d4dd84fba3c0b760d10670f2a2053fa2c39ccc64ec7fd7792ac03fa", // order 8
    "26e8958fc2b227b045c3f489f2ef98f0d5dfac05d3c63339b13802886d53fc05", // order 8
    "26e8958fc2b227b045c3f489f2ef98f0d5dfac05d3c63339b13802886d53fc85", // order 8
    "eeffffffffffffffffffffffffffffffffffffffffffffffffffffffffffff7f", // y = p + 1: non-canonical
    "edffffffffffffffffffffffffffffffffffffffffffffffffffffffffffff7f", // y = p: non-canonical
    "edffffffffffffffffffffffffffffffffffffffffffffffffffffffffffffff", // y = p, sign bit set
};

} // namespace

TEST_CASE("RFC 8032 test vectors: keys derive and signatures match and verify", "[ed25519]") {
    for (const auto& v : kRfc8032) {
        auto key = SigningKey::from_seed(unhex(v.seed));
        REQUIRE(key);
        CHECK(key->public_key().bytes == raw_public_key(unhex(v.public_key)).bytes);
        const auto message = unhex(v.message);
        const auto signature = key->sign(message);
        CHECK(std::vector<std::uint8_t>(signature.begin(), signature.end()) == unhex(v.signature));
        CHECK(ed25519_verify_detached(signature, message, key->public_key()));
    }
}

TEST_CASE("Ed25519: every single-bit change of a signature is refused", "[ed25519]") {
    const auto& v = kRfc8032[2];
    const auto key = raw_public_key(unhex(v.public_key));
    const auto message = unhex(v.message);
    auto sig = unhex(v.signature);
    REQUIRE(ed25519_verify_detached(sig, message, key));
    for (std::size_t bit = 0; bit < sig.size() * 8; ++bit) {
        sig[bit / 8] ^= static_cast<std::uint8_t>(1u << (bit % 8));
        CHECK_FALSE(ed25519_verify_detached(sig, message, key));
        sig[bit / 8] ^= static_cast<std::uint8_t>(1u << (bit % 8));
    }
}

TEST_CASE("Ed25519: a changed message is refused", "[ed25519]") {
    const auto& v = kRfc8032[2];
    const auto key = raw_public_key(unhex(v.public_key));
    auto message = unhex(v.message);
    message[0] ^= 1;
    CHECK_FALSE(ed25519_verify_detached(unhex(v.signature), message, key));
    message.push_back(0);
    CHECK_FALSE(ed25519_verify_detached(unhex(v.signature), message, key));
}

TEST_CASE("Ed25519: S >= L (malleated scalar) is refused", "[ed25519]") {
    const auto& v = kRfc8032[0];
    const auto key = raw_public_key(unhex(v.public_key));
    std::array<std::uint8_t, 64> sig{};
    const auto original = unhex(v.signature);
    std::copy(original.begin(), original.end(), sig.begin());
    CHECK(ed25519_verify_detached(sig, {}, key));
    CHECK_FALSE(ed25519_verify_detached(add_order_to_s(sig), {}, key));
    // S = L exactly, and S all ones.
    auto s_is_l = sig;
    const auto l = unhex(kOrderL);
    std::copy(l.begin(), l.end(), s_is_l.begin() + 32);
    CHECK_FALSE(ed25519_verify_detached(s_is_l, {}, key));
    auto s_max = sig;
    std::fill(s_max.begin() + 32, s_max.end(), 0xFF);
    CHECK_FALSE(ed25519_verify_detached(s_max, {}, key));
}

TEST_CASE("Ed25519: truncated and extended signatures are refused", "[ed25519]") {
    const auto& v = kRfc8032[1];
    const auto key = raw_public_key(unhex(v.public_key));
    const auto message = unhex(v.message);
    auto sig = unhex(v.signature);
    CHECK_FALSE(ed25519_verify_detached(std::span(sig).first(63), message, key));
    CHECK_FALSE(ed25519_verify_detached(std::span(sig).first(0), message, key));
    sig.push_back(0);
    CHECK_FALSE(ed25519_verify_detached(sig, message, key));
}

TEST_CASE("Ed25519: small-order and non-canonical R are refused", "[ed25519]") {
    const auto& v = kRfc8032[0];
    const auto key = raw_public_key(unhex(v.public_key));
    const auto good = unhex(v.signature);
    for (const char* point : kBadPoints) {
        auto sig = good;
        const auto r = unhex(point);
        std::copy(r.begin(), r.end(), sig.begin());
        CAPTURE(point);
        CHECK_FALSE(ed25519_verify_detached(sig, {}, key));
        // With S = 0 too: the "signature" every small-order key would accept.
        std::fill(sig.begin() + 32, sig.end(), 0);
        CHECK_FALSE(ed25519_verify_detached(sig, {}, key));
    }
}

TEST_CASE("Ed25519: small-order, mixed-order and non-canonical public keys are refused",
          "[ed25519]") {
    for (const char* point : kBadPoints) {
        CAPTURE(point);
        const auto bytes = unhex(point);
        CHECK_FALSE(public_key_from_bytes(bytes));
        // Even if one got past loading, verification refuses it: R = A, S = 0 is the trivial
        // forgery for a small-order A.
        std::vector<std::uint8_t> sig(bytes.begin(), bytes.end());
        sig.resize(64, 0);
        CHECK_FALSE(ed25519_verify_detached(sig, {}, raw_public_key(bytes)));
    }
    // A valid key plus a point of order 8 is on the curve but outside the main subgroup.
    const auto a = unhex(kRfc8032[0].public_key);
    const auto t8 = unhex(kBadPoints[4]);
    std::array<std::uint8_t, 32> mixed{};
    REQUIRE(crypto_core_ed25519_add(mixed.data(), a.data(), t8.data()) == 0);
    CHECK_FALSE(public_key_from_bytes(mixed));
    CHECK(public_key_from_bytes(a));
    CHECK_FALSE(public_key_from_bytes(std::span(a).first(31)));
}

TEST_CASE("kid is the first 8 bytes of SHA-256 of the public key", "[keys]") {
    const auto pk = raw_public_key(unhex(kRfc8032[0].public_key));
    std::array<std::uint8_t, 32> digest{};
    crypto_hash_sha256(digest.data(), pk.bytes.data(), pk.bytes.size());
    const Kid kid = compute_kid(pk);
    CHECK(std::equal(kid.begin(), kid.end(), digest.begin()));
    CHECK(fingerprint(pk).size() == 19); // 16 hex digits in 4 groups
}
