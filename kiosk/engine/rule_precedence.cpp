#include "rule_precedence.h"

#include <algorithm>
#include <array>

namespace accred {
namespace {

// Why this order:
// - internal_error and log_unavailable first: the kiosk cannot decide or cannot record.
// - then what says the badge is not a genuine, current badge of this event: no supervisor can
//   make it one (malformed, unknown_key, bad_signature, wrong_event, revoked, superseded).
// - then the signed validity window: a supervisor must not stretch the dates the desk signed,
//   or overriding "stale data" would admit an expired badge. A clock that runs behind cannot
//   make a badge look expired that is not (the true time is later still).
// - then the overridable rules: the clock (every later time rule depends on it), the holder's
//   rights (zone, clearance), the zone's hours, and presence (escort, capacity, passback).
// - stale revocation data last: it only ever turns an otherwise granted decision amber.
constexpr std::array<RulePrecedence, 18> kPrecedence{{
    {Reason::internal_error, false},
    {Reason::log_unavailable, false},
    {Reason::malformed, false},
    {Reason::unknown_key, false},
    {Reason::bad_signature, false},
    {Reason::wrong_event, false},
    {Reason::revoked, false},
    {Reason::superseded, false},
    {Reason::expired, false},
    {Reason::not_yet_valid, false},
    {Reason::clock_suspect, true},
    {Reason::zone_not_granted, true},
    {Reason::insufficient_clearance, true},
    {Reason::zone_closed, true},
    {Reason::escort_without_principal, true},
    {Reason::capacity_reached, true},
    {Reason::already_inside, true},
    {Reason::stale_revocations, true},
}};

} // namespace

std::span<const RulePrecedence> rule_precedence() {
    return kPrecedence;
}

std::size_t severity(Reason reason) {
    for (std::size_t i = 0; i < kPrecedence.size(); ++i)
        if (kPrecedence[i].reason == reason) return i;
    return kPrecedence.size();
}

bool rule_overridable(Reason reason) {
    const std::size_t at = severity(reason);
    return at < kPrecedence.size() && kPrecedence[at].overridable;
}

void sort_by_precedence(std::vector<Reason>& reasons) {
    std::stable_sort(reasons.begin(), reasons.end(),
                     [](Reason a, Reason b) { return severity(a) < severity(b); });
    reasons.erase(std::unique(reasons.begin(), reasons.end()), reasons.end());
}

} // namespace accred
