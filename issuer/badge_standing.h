// A badge as the desk judges it at a given moment: one vocabulary for `issuer status` and
// `issuer inspect` (and their JSON), so that the two never disagree about the same badge.
#pragma once

#include "crypto/claims.h"
#include "crypto/outcome.h"
#include "issuer/desk.h"

#include <cstdint>
#include <optional>
#include <span>
#include <string>
#include <string_view>
#include <vector>

namespace accred {

// Worst first: the order in which the states are judged (a withdrawn person's badge is
// "withdrawn" even when it has also expired).
enum class BadgeState { withdrawn, superseded, revoked, not_yet_valid, expired, valid, not_issued };

// "withdrawn", "superseded", "revoked", "not_yet_valid", "expired", "valid", "not_issued".
std::string_view badge_state_name(BadgeState state);
// The inverse of badge_state_name (also "not-yet-valid" and "not-issued"); nullopt otherwise.
std::optional<BadgeState> parse_badge_state(std::string_view text);

struct BadgeStanding {
    BadgeState state = BadgeState::not_issued;
    std::uint32_t current_issue = 0; // the holder's newest issue (0: none)
    std::optional<std::string> revoked_reason;
    std::optional<Withdrawal> withdrawal;
};

// Judges `badge` (nullptr: the holder has none) at `now`: withdrawn when the holder's
// accreditation is withdrawn, superseded when a newer issue exists, revoked, then the validity
// window of `claims` (the badge's own claims), else valid. `newest` is the holder's newest badge.
BadgeStanding judge_badge(const StoredCredential* badge, const Claims* claims,
                          const StoredCredential* newest, const Withdrawal* withdrawal,
                          std::uint64_t now);

// The claims signed into a stored badge, read back with the desk's event key.
Outcome<Claims> stored_claims(const Desk& desk, const StoredCredential& badge);
// The same for many badges, in their order, verified on one thread per processor (`issuer
// status` at 100,000 people spent nearly all its time here). The error is the first badge's, in
// order, that does not verify.
Outcome<std::vector<Claims>> stored_claims_of(const Desk& desk,
                                              std::span<const StoredCredential* const> badges);

// judge_badge for the badge `claims` were read from, with the holder's newest badge and
// withdrawal from desk.db; not_issued when this desk has no record of that badge.
Outcome<BadgeStanding> desk_standing(Desk& desk, const Claims& claims, std::uint64_t now);

} // namespace accred
