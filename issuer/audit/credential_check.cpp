#include "credential_check.h"

#include "crypto/credential.h"
#include "crypto/hex.h"
#include "entrylog/presence.h"

namespace accred {

const CredentialChecker::Known& CredentialChecker::check(const std::string& credential) {
    if (auto it = cache_.find(credential); it != cache_.end()) return it->second;
    Known k;
    VerifyOptions options;
    options.expected_event = context_.event.id;
    const Verification v = verify_credential(credential, context_.credential_keys, options);
    if (v.ok()) {
        k.verified = true;
        k.sub = v.claims().sub;
        k.cti = v.claims().cti;
        k.issue = v.claims().issue;
    } else {
        k.why = std::string(reason_name(v.reason())) + ": " + v.detail();
    }
    // A desk serving for days, or a kiosk in the wrong hands pushing a new text in every row,
    // would grow the cache without end: past the bound it starts again (verification is cheap).
    if (cache_.size() >= kMaxRemembered) cache_.clear();
    return cache_.emplace(credential, std::move(k)).first->second;
}

std::optional<std::string> CredentialChecker::problem(const EntryRecord& row) {
    if (!row.holder) {
        if (row_admits(row)) return "it lets someone in without naming a verified credential";
        return std::nullopt;
    }
    // A manual lookup scanned nothing: the kiosk decided on the claims its signed bundle holds,
    // and the audit lists the row as manual (audit trail, report) rather than re-verifying.
    if (is_manual_row(row) && row.credential.empty()) return std::nullopt;
    const Known& k = check(row.credential);
    if (!k.verified)
        return "its credential (holder " + *row.holder +
               ") does not verify against the event's trusted keys (" + k.why + ")";
    if (k.sub != *row.holder)
        return "it names holder " + *row.holder + " but its credential is " + k.sub + "'s";
    if (!row.cti || *row.cti != k.cti)
        return "its credential id does not match the credential (" + hex_encode(k.cti) + ")";
    if (!row.issue || *row.issue != k.issue)
        return "its issue number does not match the credential's (" + std::to_string(k.issue) + ")";
    return std::nullopt;
}

} // namespace accred
