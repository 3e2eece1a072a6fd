#include "issuance.h"

#include "crypto/credential.h"
#include "event/event_window.h"
#include "event/utc_time.h"

#include <algorithm>
#include <sodium.h>

namespace accred {
namespace {

CredentialId random_cti() {
    CredentialId cti{};
    randombytes_buf(cti.data(), cti.size());
    return cti;
}

// Signs and stores one credential; the caller holds the transaction.
Outcome<StoredCredential> sign_and_store(Desk& desk, const SigningKey& key, const Person& person,
                                         std::uint32_t issue, std::uint64_t now) {
    std::optional<std::uint32_t> code;
    if (!person.delegation.empty()) {
        auto c = desk.delegation_code(person.delegation);
        if (!c) return c.error();
        code = c.value();
    }
    const CredentialId cti = random_cti();
    auto claims = claims_for_person(desk.event(), desk.time_zone(), person, code, issue, now, cti);
    if (!claims) return Error{person.id + ": " + claims.error().message};
    auto text = sign_credential(claims.value(), key);
    if (!text) return Error{person.id + ": " + text.error().message};
    StoredCredential stored{cti, person.id, issue, text.value(), now, std::nullopt};
    if (auto s = desk.store_credential(stored); !s) return s.error();
    return stored;
}

} // namespace

Outcome<Claims> claims_for_person(const EventDefinition& event, const ResolvedZone& time_zone,
                                  const Person& person,
                                  std::optional<std::uint32_t> delegation_code,
                                  std::uint32_t issue, std::uint64_t now,
                                  const CredentialId& cti) {
    const Category* category = event.find_category(person.category);
    if (category == nullptr) return Error{"unknown category " + person.category};
    if (person.days.empty()) return Error{"no attendance days"};
    Claims c;
    c.iss = event.id;
    c.sub = person.id;
    c.iat = now;
    c.nbf = static_cast<std::uint64_t>(day_span_utc(time_zone, person.days.front()).first);
    c.exp = static_cast<std::uint64_t>(day_span_utc(time_zone, person.days.back()).second);
    // A badge issued on the morning of its last day is still issued before it expires; one
    // issued after the event cannot be (the format's iat <= exp rule): say so plainly.
    if (c.iat > c.exp)
        return Error{"their last day is over by the desk's clock (" + format_utc_time(c.iat) +
                     "); to issue for a past or demo event, set the clock with --now"};
    c.cti = cti;
    c.name = person.name;
    if (delegation_code) c.org = Organisation{*delegation_code, {}};
    else if (!person.delegation.empty()) c.org = Organisation{std::nullopt, person.delegation};
    c.category = category->code;
    c.rank = category->rank;
    for (const auto& zone_id : person.zones) {
        const Zone* zone = event.find_zone(zone_id);
        if (zone == nullptr) return Error{"unknown zone " + zone_id};
        c.zones.push_back(zone->code);
    }
    std::sort(c.zones.begin(), c.zones.end());
    c.zones.erase(std::unique(c.zones.begin(), c.zones.end()), c.zones.end());
    c.photo = photo_digest(person.photo);
    c.issue = issue;
    c.escort = person.escort_of;
    if (auto violation = claims_rule_violation(c)) return Error{*violation};
    return c;
}

Outcome<IssueResult> issue_credentials(Desk& desk, const SigningKey& key,
                                       const std::vector<std::string>& ids, std::uint64_t now,
                                       const std::function<void(std::size_t, std::size_t)>& progress) {
    IssueResult result;
    Status done = in_transaction(desk.db(), [&]() -> Status {
        for (std::size_t i = 0; i < ids.size(); ++i) {
            auto person = desk.person(ids[i]);
            if (!person) return person.error();
            if (!person.value()) return Error{"no person with id " + ids[i] + " on the roster"};
            auto withdrawn = desk.withdrawal(ids[i]);
            if (!withdrawn) return withdrawn.error();
            if (withdrawn.value()) {
                result.withdrawn.push_back(std::move(*withdrawn.value()));
                if (progress) progress(i + 1, ids.size());
                continue;
            }
            auto latest = desk.latest_credential(ids[i]);
            if (!latest) return latest.error();
            std::uint32_t issue = 1;
            if (latest.value()) {
                if (!latest.value()->revoked_reason) {
                    result.already.push_back(ids[i]);
                    if (progress) progress(i + 1, ids.size());
                    continue;
                }
                issue = latest.value()->issue + 1;
            }
            auto stored = sign_and_store(desk, key, *person.value(), issue, now);
            if (!stored) return stored.error();
            result.issued.push_back(ids[i] + " (issue " + std::to_string(issue) + ")");
            if (progress) progress(i + 1, ids.size());
        }
        return success();
    });
    if (!done) return done.error();
    return result;
}

Outcome<IssueResult> issue_everyone(Desk& desk, const SigningKey& key, std::uint64_t now,
                                    const std::function<void(std::size_t, std::size_t)>& progress) {
    auto everyone = desk.person_ids();
    if (!everyone) return everyone.error();
    return issue_credentials(desk, key, everyone.value(), now, progress);
}

Outcome<StoredCredential> reissue_credential(Desk& desk, const SigningKey& key,
                                             const std::string& id, const std::string& reason,
                                             std::uint64_t now) {
    std::optional<StoredCredential> fresh;
    Status done = in_transaction(desk.db(), [&]() -> Status {
        auto person = desk.person(id);
        if (!person) return person.error();
        if (!person.value()) return Error{"no person with id " + id + " on the roster"};
        auto withdrawn = desk.withdrawal(id);
        if (!withdrawn) return withdrawn.error();
        if (withdrawn.value()) return Error{withdrawn_notice(*withdrawn.value(), "not reissued")};
        auto all = desk.credentials();
        if (!all) return all.error();
        std::uint32_t latest = 0;
        for (const auto& c : all.value()) {
            if (c.holder != id) continue;
            latest = std::max(latest, c.issue);
            if (!c.revoked_reason)
                if (auto s = desk.revoke(c.cti, "superseded by reissue: " + reason, now); !s)
                    return s;
        }
        if (latest == 0) return Error{id + " has no badge yet; use issuer issue"};
        auto stored = sign_and_store(desk, key, *person.value(), latest + 1, now);
        if (!stored) return stored.error();
        fresh = std::move(stored).value();
        return success();
    });
    if (!done) return done.error();
    return *fresh;
}

Outcome<RevokeResult> revoke_for_cause(Desk& desk, const std::vector<std::string>& ids,
                                       const std::string& reason, std::uint64_t now,
                                       const std::string& by) {
    RevokeResult result;
    // Withdrawn in the same transaction as the revocation, so that no later issue --all hands
    // the person a new badge (a lost badge is reissue instead, which does not withdraw).
    Status done = in_transaction(desk.db(), [&]() -> Status {
        for (const auto& id : ids) {
            auto latest = desk.latest_credential(id);
            if (!latest) return latest.error();
            if (!latest.value()) return Error{id + " has no badge to revoke"};
            if (!latest.value()->revoked_reason) {
                if (auto s = desk.revoke(latest.value()->cti, reason, now); !s) return s;
                result.revoked.push_back(id);
            }
            auto newly = desk.withdraw(id, reason, now, by);
            if (!newly) return newly.error();
            if (newly.value()) result.withdrawn.push_back(id);
        }
        return success();
    });
    if (!done) return done.error();
    return result;
}

} // namespace accred
