// The precedence of the gate's failing rules (docs/kiosk.md, "The decision"): after the
// signature every rule is evaluated, and the verdict is the most severe one that failed. The
// same table says whether a supervisor may override: every rule that may not be overridden ranks
// above every one that may, so that the worst failing rule decides, and no override can admit a
// badge one of whose refusals is not overridable.
#pragma once

#include "crypto/reason.h"

#include <cstddef>
#include <span>
#include <vector>

namespace accred {

struct RulePrecedence {
    Reason reason;
    bool overridable; // a supervisor's PIN may admit when this is the worst failing rule
};

// Most severe first. Reasons that are not refusals (granted, exit_recorded, granted_override,
// supervisor actions) are not in it.
std::span<const RulePrecedence> rule_precedence();

// The position of reason in rule_precedence() (0 = most severe); past the end for a reason
// that is not a refusal.
std::size_t severity(Reason reason);

// True when a supervisor may admit a denial whose worst failing rule is reason.
bool rule_overridable(Reason reason);

// Sorts reasons most severe first and removes repeats.
void sort_by_precedence(std::vector<Reason>& reasons);

} // namespace accred
