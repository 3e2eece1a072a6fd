#include "credential.h"

#include "base45.h"
#include "claims_cbor.h"
#include "cose_sign1.h"

namespace accred {
namespace {

Verification verify_unguarded(std::string_view text, const TrustStore& trusted,
                              const VerifyOptions& options) {
    if (text.size() > kMaxCredentialText)
        return Verification::refused(Reason::malformed, "the text is too long");
    if (!text.starts_with(kCredentialPrefix))
        return Verification::refused(Reason::malformed, "not an AC1 credential (no AC1: prefix)");
    const auto bytes = base45_decode(text.substr(kCredentialPrefix.size()));
    if (!bytes) return Verification::refused(Reason::malformed, "the Base45 part is not valid");
    auto cose = cose_sign1_decode(*bytes);
    if (!cose) return Verification::refused(Reason::malformed, cose.error().message);

    const auto candidates = trusted.keys_with_kid(cose->kid);
    if (candidates.empty())
        return Verification::refused(Reason::unknown_key, "signed by a key this kiosk does not trust");
    const auto signed_bytes = cose_sig_structure(cose->kid, cose->payload);
    const PublicKey* signer = nullptr;
    for (const PublicKey& key : candidates) {
        if (ed25519_verify_detached(cose->signature, signed_bytes, key)) {
            signer = &key;
            break;
        }
    }
    if (signer == nullptr)
        return Verification::refused(Reason::bad_signature, "the signature does not verify");

    // Only now, with the signature verified, are the claims read.
    auto claims = claims_decode(cose->payload);
    if (!claims) return Verification::refused(Reason::malformed, claims.error().message);
    if (options.expected_event && claims->iss != *options.expected_event)
        return Verification::refused(Reason::wrong_event,
                                     "issued for event " + claims->iss + ", not " +
                                         *options.expected_event);
    if (options.now && *options.now < claims->nbf)
        return Verification::refused(Reason::not_yet_valid, "not valid yet");
    if (options.now && *options.now >= claims->exp)
        return Verification::refused(Reason::expired, "expired");
    return Verification::accepted(std::move(claims).value(), *signer);
}

} // namespace

Outcome<std::string> sign_credential(const Claims& claims, const SigningKey& key) {
    auto payload = claims_encode(claims);
    if (!payload) return payload.error();
    CoseSign1 message;
    message.kid = key.kid();
    message.payload = std::move(payload).value();
    message.signature = key.sign(cose_sig_structure(message.kid, message.payload));
    return std::string(kCredentialPrefix) + base45_encode(cose_sign1_encode(message));
}

Verification verify_credential(std::string_view text, const TrustStore& trusted,
                               const VerifyOptions& options) {
    try {
        return verify_unguarded(text, trusted, options);
    } catch (...) {
        // Only allocation failure can get here; it must deny, never escape.
        return Verification::refused(Reason::internal_error, "verification failed unexpectedly");
    }
}

} // namespace accred
