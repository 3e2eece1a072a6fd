// The facts a guard needs beside a refusal or an attention, as values (the screen turns them into
// words in its language): when the badge becomes or stopped being valid, which issue is the
// current one, whom an escort needs, how long until re-entry, when a closed zone opens. Each is
// set only when its rule failed and the kiosk knows it.
#pragma once

#include <cstdint>
#include <optional>
#include <string>

namespace accred {

struct DecisionFacts {
    std::optional<std::int64_t> valid_from;  // not_yet_valid: the badge's first valid second (UTC)
    std::optional<std::int64_t> valid_until; // expired: its last valid second (UTC)
    // superseded, or revoked when the revocation list names a later issue for the holder: the
    // holder's current issue, and the scanned badge's own.
    std::optional<std::uint32_t> current_issue;
    std::uint32_t scanned_issue = 0;
    std::optional<std::string> principal;          // escort_without_principal: the principal's id
    std::optional<std::int64_t> reentry_in_s;      // timed anti-passback: seconds until re-entry
    std::optional<std::int64_t> zone_opens_at;     // zone_closed: its next opening (UTC), if any
    bool zone_never_reopens = false;               // zone_closed: no later opening in the event
    std::optional<std::string> parent_not_entered; // attention: no record of entering this zone
    std::optional<std::int64_t> revocations_age_s; // stale_revocations: the list's age
};

} // namespace accred
