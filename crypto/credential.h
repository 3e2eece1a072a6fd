// The AC1 credential: claims <-> COSE_Sign1 (Ed25519) <-> "AC1:" + Base45 text.
#pragma once

#include "claims.h"
#include "outcome.h"
#include "reason.h"
#include "signing_key.h"
#include "trust_store.h"

#include <cstdint>
#include <optional>
#include <string>
#include <string_view>

namespace accred {

inline constexpr std::string_view kCredentialPrefix = "AC1:";
// The longest text a verifier reads; a QR code holds about twice that, a credential ~300.
inline constexpr std::size_t kMaxCredentialText = 2048;

// Signs claims with key and returns the AC1 text. Fails when the claims break a format rule.
Outcome<std::string> sign_credential(const Claims& claims, const SigningKey& key);

struct VerifyOptions {
    std::optional<std::string> expected_event; // checked against iss: wrong_event
    std::optional<std::uint64_t> now;           // checked against nbf/exp (UTC seconds)
};

// The result of verify_credential: either verified claims and the key that signed them, or a
// refusal with one reason from the vocabulary and a plain-language detail for staff and logs.
class [[nodiscard]] Verification {
  public:
    static Verification accepted(Claims claims, PublicKey signer) {
        Verification v;
        v.claims_ = std::move(claims);
        v.signer_ = signer;
        return v;
    }
    static Verification refused(Reason reason, std::string detail) {
        Verification v;
        v.reason_ = reason;
        v.detail_ = std::move(detail);
        return v;
    }

    bool ok() const { return claims_.has_value(); }
    // Only when ok(): the claims, read after the signature verified.
    const Claims& claims() const { return *claims_; }
    const PublicKey& signer() const { return signer_; }
    // Only when !ok().
    Reason reason() const { return reason_; }
    const std::string& detail() const { return detail_; }

  private:
    Verification() = default;
    std::optional<Claims> claims_;
    PublicKey signer_{};
    Reason reason_ = Reason::internal_error;
    std::string detail_;
};

// Verifies an AC1 text, in this order, reporting the first failure: prefix and Base45
// (malformed), COSE envelope (malformed), a trusted key with the kid (unknown_key), the
// signature under one of them (bad_signature), and only then the claims (malformed),
// the event (wrong_event) and the validity window (not_yet_valid, expired). Never throws and
// never crashes, whatever the input.
Verification verify_credential(std::string_view text, const TrustStore& trusted,
                               const VerifyOptions& options = {});

} // namespace accred
