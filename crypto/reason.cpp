#include "reason.h"

#include <array>
#include <utility>

namespace accred {
namespace {

constexpr std::array<std::pair<Reason, std::string_view>, 25> kNames{{
    {Reason::granted, "granted"},
    {Reason::granted_override, "granted_override"},
    {Reason::granted_manual, "granted_manual"},
    {Reason::exit_recorded, "exit_recorded"},
    {Reason::malformed, "malformed"},
    {Reason::bad_signature, "bad_signature"},
    {Reason::unknown_key, "unknown_key"},
    {Reason::wrong_event, "wrong_event"},
    {Reason::not_yet_valid, "not_yet_valid"},
    {Reason::expired, "expired"},
    {Reason::revoked, "revoked"},
    {Reason::superseded, "superseded"},
    {Reason::zone_not_granted, "zone_not_granted"},
    {Reason::insufficient_clearance, "insufficient_clearance"},
    {Reason::zone_closed, "zone_closed"},
    {Reason::already_inside, "already_inside"},
    {Reason::escort_without_principal, "escort_without_principal"},
    {Reason::capacity_reached, "capacity_reached"},
    {Reason::stale_revocations, "stale_revocations"},
    {Reason::clock_suspect, "clock_suspect"},
    {Reason::log_unavailable, "log_unavailable"},
    {Reason::pin_rejected, "pin_rejected"},
    {Reason::supervisor_unlock, "supervisor_unlock"},
    {Reason::manual_lookup, "manual_lookup"},
    {Reason::internal_error, "internal_error"},
}};

} // namespace

std::string_view reason_name(Reason reason) {
    for (const auto& [r, name] : kNames)
        if (r == reason) return name;
    return "internal_error";
}

std::optional<Reason> reason_from_name(std::string_view name) {
    for (const auto& [r, n] : kNames)
        if (n == name) return r;
    return std::nullopt;
}

} // namespace accred
