// The COSE Sig_structure that every signature covers (RFC 9052, 4.4), written head by head: the
// same bytes as the generic CBOR encoder's, at every length boundary of a CBOR head.
#include "crypto/cbor_codec.h"
#include "crypto/cbor_value.h"
#include "crypto/cose_sign1.h"
#include "crypto/hex.h"

#include <catch2/catch.hpp>

using namespace accred;

namespace {

// The Sig_structure as the generic encoder builds it from a value tree.
std::vector<std::uint8_t> tree_sig_structure(const Kid& kid, const std::vector<std::uint8_t>& payload) {
    const auto header = cose_protected_header(kid);
    return cbor_encode(CborValue::make_array({
        CborValue::make_text("Signature1"),
        CborValue::make_bytes(std::string(header.begin(), header.end())),
        CborValue::make_bytes(""),
        CborValue::make_bytes(std::string(payload.begin(), payload.end())),
    }));
}

} // namespace

TEST_CASE("the Sig_structure is the RFC 9052 array, byte for byte", "[crypto]") {
    const Kid kid{1, 2, 3, 4, 5, 6, 7, 8};
    const std::vector<std::uint8_t> payload{'a', 'b'};
    // [ "Signature1", << {1: -8, 4: h'0102030405060708'} >>, h'', h'6162' ]
    CHECK(hex_encode(cose_sig_structure(kid, payload)) ==
          "846a" "5369676e617475726531" "4d"
          "a201270448" "0102030405060708" "40" "426162");
}

TEST_CASE("the Sig_structure matches the generic encoder at every head length", "[crypto]") {
    const Kid kid{0xde, 0xad, 0xbe, 0xef, 0, 1, 2, 3};
    for (const std::size_t size : {0u, 1u, 23u, 24u, 255u, 256u, 65535u, 65536u, 70000u}) {
        CAPTURE(size);
        std::vector<std::uint8_t> payload(size);
        for (std::size_t i = 0; i < size; ++i)
            payload[i] = static_cast<std::uint8_t>(i * 131 + 7);
        CHECK(cose_sig_structure(kid, payload) == tree_sig_structure(kid, payload));
    }
}
