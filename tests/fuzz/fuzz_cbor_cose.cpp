// fuzz_cbor_cose: the strict CBOR decoder, the COSE_Sign1 envelope parser and the claims decoder
// on arbitrary bytes.
// Must hold: no crash, leak or UB, and each accepts only the deterministic form it promises:
//   cbor_decode_strict(x) ok  => cbor_encode(value) == x   (crypto/cbor_codec.h)
//   cose_sign1_decode(x) ok   => cose_sign1_encode(msg) == x (crypto/cose_sign1.h)
//   claims_decode(p) ok       => claims_encode(claims) == p and no claims rule is broken
// (claims_decode runs on the input itself and on a decoded envelope's payload).
#include "fuzz_common.h"

#include "crypto/cbor_codec.h"
#include "crypto/claims.h"
#include "crypto/claims_cbor.h"
#include "crypto/cose_sign1.h"

#include <algorithm>
#include <vector>

using namespace accred;

namespace {

void check_claims(std::span<const std::uint8_t> payload) {
    auto claims = claims_decode(payload);
    if (!claims) return;
    FUZZ_CHECK(!claims_rule_violation(*claims).has_value());
    auto again = claims_encode(*claims);
    FUZZ_CHECK(again.ok());
    FUZZ_CHECK(std::equal(again->begin(), again->end(), payload.begin(), payload.end()));
}

} // namespace

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
    const auto bytes = fuzz::as_span(data, size);

    if (auto value = cbor_decode_strict(bytes)) {
        const std::vector<std::uint8_t> again = cbor_encode(*value);
        FUZZ_CHECK(std::equal(again.begin(), again.end(), bytes.begin(), bytes.end()));
    }
    // Tight limits too: depth and item counting at their edges.
    (void)cbor_decode_strict(bytes, CborLimits{2, 8});

    // The bundle form allows large payloads; credentials kMaxCosePayloadBytes.
    for (const std::size_t max_payload : {kMaxCosePayloadBytes, std::size_t{1} << 20}) {
        if (auto cose = cose_sign1_decode(bytes, max_payload)) {
            FUZZ_CHECK(cose->payload.size() <= max_payload);
            const std::vector<std::uint8_t> again = cose_sign1_encode(*cose);
            FUZZ_CHECK(std::equal(again.begin(), again.end(), bytes.begin(), bytes.end()));
            check_claims(cose->payload);
        }
    }
    check_claims(bytes);
    return 0;
}
