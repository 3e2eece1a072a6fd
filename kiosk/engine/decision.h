// The gate decision: a pure function of the scanned content, the gate, the bundle (policy, keys,
// revocations), presence and the time. No clock, camera or database inside (design brief).
#pragma once

#include "bundle/kiosk_bundle.h"
#include "crypto/claims.h"
#include "crypto/reason.h"
#include "kiosk/engine/presence.h"
#include "kiosk/log/entry_record.h"

#include <cstdint>
#include <optional>
#include <string>
#include <vector>

namespace accred {

// What the screen shows: green, red, or amber for "look, and perhaps call a supervisor".
enum class Verdict { granted, denied, attention };
std::string_view verdict_name(Verdict verdict);

struct Decision {
    Verdict verdict = Verdict::denied;
    Reason reason = Reason::internal_error; // the most severe failing rule (docs/kiosk.md)
    // Every other rule that failed too, most severe first (the precedence table): kept so that
    // the guard, the log and the audit see them all ("expired; revocation data out of date").
    std::vector<Reason> other_reasons;
    bool admitted = false;          // the door opens (an attention verdict may admit)
    bool override_possible = false; // a supervisor may admit this denial
    std::string detail;             // plain words for staff and the log
    std::optional<Claims> claims;   // set once the credential verified
    Direction direction = Direction::entry;
    std::string gate;
    std::string zone;
};

struct DecisionInput {
    std::string_view content;       // the QR code's bytes or the scanner's line
    const KioskBundle* bundle = nullptr;
    const RevocationList* revocations = nullptr; // the newest the kiosk holds
    const Gate* gate = nullptr;
    const Presence* presence = nullptr;
    std::int64_t now = 0;           // UTC seconds, the kiosk's clock
    std::int64_t last_logged = 0;   // time of the last row in the log (0 when empty)
};

// Applies every rule of the design brief in order and returns the first that fails, or a grant.
// Entry fails closed: anything unexpected denies. Exit never depends on the rules: a verified
// holder's exit is recorded whatever their badge's state, so that presence stays true.
Decision decide(const DecisionInput& input);

// A supervisor's override of a denial: admits with granted_override. Refused (returns nullopt)
// for denials that say nothing about the person's right to enter but that the badge is not
// genuine (malformed, unknown key, bad signature, wrong event, revoked) or that the entry cannot
// be recorded (log_unavailable).
std::optional<Decision> override_decision(const Decision& denied);

} // namespace accred
