// The gate decision: a pure function of the scanned content, the gate, the bundle (policy, keys,
// revocations), presence and the time. No clock, camera or database inside (design brief), and
// nothing outside its arguments: the trusted keys and the event's time zone come in built and
// resolved once per bundle (GateEngine), not looked up on each scan.
#pragma once

#include "bundle/kiosk_bundle.h"
#include "crypto/claims.h"
#include "crypto/reason.h"
#include "crypto/trust_store.h"
#include "entrylog/entry_record.h"
#include "entrylog/presence.h"
#include "event/resolved_zone.h"
#include "kiosk/engine/decision_facts.h"

#include <cstdint>
#include <optional>
#include <string>
#include <vector>

namespace accred {

struct Decision {
    Verdict verdict = Verdict::denied;
    Reason reason = Reason::internal_error; // the most severe failing rule (docs/kiosk.md)
    // Every other rule that failed too, most severe first (the precedence table): kept so that
    // the guard, the log and the audit see them all ("expired; revocation data out of date").
    std::vector<Reason> other_reasons;
    bool admitted = false;          // the door opens (an attention verdict may admit)
    bool override_possible = false; // a supervisor may admit this: the worst rule allows it
    std::string detail;             // plain words for staff: every failing rule, worst first
    std::optional<Claims> claims;   // set once the credential verified
    Direction direction = Direction::entry;
    std::string gate;
    std::string zone;
    DecisionFacts facts; // what the guard is told beside the verdict (the screen words it)
};

struct DecisionInput {
    std::string_view content;       // the QR code's bytes or the scanner's line
    const KioskBundle* bundle = nullptr;
    const TrustStore* trusted = nullptr; // the bundle's credential keys
    // The bundle's event.time_zone (unresolved when the system lacks it: every zone is closed).
    const ResolvedZone* time_zone = nullptr;
    const RevocationList* revocations = nullptr; // the newest the kiosk holds
    const Gate* gate = nullptr;
    const Presence* presence = nullptr;
    std::int64_t now = 0;           // UTC seconds, the kiosk's clock
    std::int64_t last_logged = 0;   // time of the last row in the log (0 when empty)
};

// Verifies the credential (the signature before any claim is read), then evaluates every rule of
// the design brief and returns the verdict of the most severe failing one by the precedence
// table (rule_precedence.h), with every other failing rule kept in other_reasons. Stale
// revocation data only turns an otherwise granted (or soft-passback) decision amber and never
// hides another refusal. Entry fails closed: anything unexpected denies. Exit never depends on
// the rules: a verified holder's exit is recorded whatever their badge's state, so that
// presence stays true.
[[nodiscard]] Decision decide(const DecisionInput& input);

// A manual lookup's decision (docs/kiosk.md, "Manual lookup"): claims as the signed bundle
// carries them for a holder whose badge will not scan, judged by every rule decide() applies
// after the signature (input.content is not read), so that it never admits what a scan of that
// badge would refuse. A grant's reason is granted_manual; every such decision carries
// Reason::manual_lookup last in other_reasons, and none may be overridden.
[[nodiscard]] Decision decide_manual(const DecisionInput& input, const Claims& claims);

// True for a decision made by decide_manual (its mark, Reason::manual_lookup, is last).
bool is_manual_decision(const Decision& d);

// A supervisor's override of a refusal: admits with granted_override, keeping the other reasons.
// Refused (returns nullopt) when the decision admitted already or its worst failing rule is not
// overridable (rule_overridable): a badge that is not genuine, current and within its signed
// dates, or an entry that cannot be recorded.
[[nodiscard]] std::optional<Decision> override_decision(const Decision& refused);

} // namespace accred
