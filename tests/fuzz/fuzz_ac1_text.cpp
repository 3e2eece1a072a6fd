// fuzz_ac1_text: the whole AC1 verification path (prefix, Base45, COSE envelope, key lookup,
// Ed25519, claims, event and window checks) on arbitrary text, as a scanner would hand it over.
// Trusted: test key 1 of tests/vectors; expected event "gp2014", now = 1396300000 (the vectors').
// Must hold: no crash, leak or UB; never internal_error (an unexpected exception); and when a text
// is accepted (only the signed seeds can be), it is the one canonical encoding of what it
// carries: "AC1:" + Base45(COSE re-encoded) == input and claims re-encoded == the payload.
#include "fuzz_common.h"

#include "crypto/base45.h"
#include "crypto/claims.h"
#include "crypto/claims_cbor.h"
#include "crypto/cose_sign1.h"
#include "crypto/credential.h"
#include "crypto/hex.h"
#include "crypto/public_key.h"
#include "crypto/trust_store.h"

#include <sodium.h>

using namespace accred;

namespace {

constexpr std::string_view kTestKey1 =
    "ca896f520c785613dd2431e21b616e383c94314384f0bdd6345fc31a01d78c8b";

const PublicKey& test_key() {
    static const PublicKey key = *public_key_from_bytes(*hex_decode(kTestKey1));
    return key;
}

const TrustStore& trusted() {
    static const TrustStore store = [] {
        TrustStore s;
        s.add(test_key());
        return s;
    }();
    return store;
}

} // namespace

extern "C" int LLVMFuzzerInitialize(int*, char***) {
    if (sodium_init() < 0) __builtin_trap();
    (void)trusted();
    return 0;
}

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
    const std::string_view text = fuzz::as_text(data, size);
    VerifyOptions options;
    options.expected_event = "gp2014";
    options.now = 1396300000;
    const Verification v = verify_credential(text, trusted(), options);
    if (!v.ok()) {
        FUZZ_CHECK(v.reason() != Reason::internal_error);
        FUZZ_CHECK(!v.detail().empty());
        return 0;
    }
    // Accepted: must be the canonical text of a credential signed by test key 1.
    FUZZ_CHECK(v.signer() == test_key());
    FUZZ_CHECK(!claims_rule_violation(v.claims()).has_value());
    FUZZ_CHECK(v.claims().iss == "gp2014");
    FUZZ_CHECK(text.starts_with(kCredentialPrefix));
    auto cose_bytes = base45_decode(text.substr(kCredentialPrefix.size()));
    FUZZ_CHECK(cose_bytes.has_value());
    auto cose = cose_sign1_decode(*cose_bytes);
    FUZZ_CHECK(cose.ok());
    FUZZ_CHECK(cose_sign1_encode(*cose) == *cose_bytes);
    FUZZ_CHECK(base45_encode(*cose_bytes) == text.substr(kCredentialPrefix.size()));
    auto payload = claims_encode(v.claims());
    FUZZ_CHECK(payload.ok());
    FUZZ_CHECK(*payload == cose->payload);
    return 0;
}
