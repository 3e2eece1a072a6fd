// Turning a roster entry into AC1 claims, and signing credentials for people at the desk.
#pragma once

#include "crypto/claims.h"
#include "crypto/outcome.h"
#include "crypto/signing_key.h"
#include "event/event_definition.h"
#include "issuer/desk.h"
#include "issuer/person.h"

#include <functional>
#include <optional>
#include <string>
#include <vector>

namespace accred {

// The claims for person (pure): validity from the start of their first day to the end of their
// last day in the event's time zone (`time_zone`, resolved once by the caller: a batch issues
// thousands), the category's code and rank, explicit zone grants as codes, the photo digest, the
// delegation as its code when it has one.
Outcome<Claims> claims_for_person(const EventDefinition& event, const ResolvedZone& time_zone,
                                  const Person& person,
                                  std::optional<std::uint32_t> delegation_code,
                                  std::uint32_t issue, std::uint64_t now,
                                  const CredentialId& cti);

struct IssueResult {
    std::vector<std::string> issued;       // "ID (issue N)"
    std::vector<std::string> already;      // had a current credential: left alone
    std::vector<std::string> needs_reissue; // record changed since their credential was issued
    std::vector<Withdrawal> withdrawn;      // withdrawn for cause: left out (withdrawn_notice)
};

// Signs and stores a credential for each of ids that has none (or only revoked ones), in one
// transaction. A withdrawn person is never issued a badge: they are listed in withdrawn instead
// (a caller that named them explicitly refuses first). progress(done, total) is called after
// each person.
Outcome<IssueResult> issue_credentials(Desk& desk, const SigningKey& key,
                                       const std::vector<std::string>& ids, std::uint64_t now,
                                       const std::function<void(std::size_t, std::size_t)>& progress);

// `issuer issue --all` and the web desk's "Issue all": issue_credentials for everyone on the
// roster (those with a valid badge are counted in already, withdrawn people in withdrawn).
Outcome<IssueResult> issue_everyone(Desk& desk, const SigningKey& key, std::uint64_t now,
                                    const std::function<void(std::size_t, std::size_t)>& progress);

// Lost or damaged badge: signs issue N+1 with a new cti and revokes every earlier issue. The
// person stays accredited; a withdrawn person is refused (withdrawn_notice).
Outcome<StoredCredential> reissue_credential(Desk& desk, const SigningKey& key,
                                             const std::string& id, const std::string& reason,
                                             std::uint64_t now);

struct RevokeResult {
    std::vector<std::string> revoked;   // their newest badge was revoked now
    std::vector<std::string> withdrawn; // withdrawn now (the others already were)
};

// Revoking for cause (issuer revoke): revokes each person's newest badge and withdraws their
// accreditation, all in one transaction; by says who (the accreditation journal). A person
// without a badge is an error, and then nothing changes.
Outcome<RevokeResult> revoke_for_cause(Desk& desk, const std::vector<std::string>& ids,
                                       const std::string& reason, std::uint64_t now,
                                       const std::string& by);

} // namespace accred
