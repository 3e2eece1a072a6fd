// The one vocabulary of verdict reasons, shared by the codec, the kiosk and the audit.
#pragma once

#include <optional>
#include <string_view>

namespace accred {

// The order is part of nothing: reasons are stored by name (reason_name), never by number.
enum class Reason {
    granted,
    granted_override,
    granted_manual, // admitted by manual lookup: the badge would not scan (docs/kiosk.md)
    exit_recorded,
    malformed,
    bad_signature,
    unknown_key,
    wrong_event,
    not_yet_valid,
    expired,
    revoked,
    superseded,
    zone_not_granted,
    insufficient_clearance,
    zone_closed,
    already_inside,
    escort_without_principal,
    capacity_reached,
    stale_revocations,
    clock_suspect,
    log_unavailable,
    // Not decisions on a badge: supervisor actions the kiosk records in its log. A wrong PIN
    // (or one tried while the kiosk makes PIN attempts wait), and a supervisor unlocking the
    // gate. Their rows name the supervisor in override_by and carry no holder.
    pin_rejected,
    supervisor_unlock,
    // Not a failing rule: the mark, in other_reasons, of every row decided by manual lookup
    // (a grant's reason is granted_manual; a refusal keeps its real reason and carries the mark).
    manual_lookup,
    internal_error, // last: loops over every reason end here
};

// The stable snake_case name of a reason, as stored in logs and printed with --json.
std::string_view reason_name(Reason reason);

// The reason with that name, or nullopt when the name is not in the vocabulary.
std::optional<Reason> reason_from_name(std::string_view name);

} // namespace accred
