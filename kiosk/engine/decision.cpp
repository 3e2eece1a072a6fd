#include "decision.h"

#include "crypto/credential.h"
#include "event/event_window.h"

#include <algorithm>

namespace accred {
namespace {

Decision deny(Decision d, Reason reason, std::string detail, bool overridable) {
    d.verdict = Verdict::denied;
    d.reason = reason;
    d.admitted = false;
    d.override_possible = overridable;
    d.detail = std::move(detail);
    return d;
}

bool zone_granted(const KioskBundle& bundle, const Claims& c, const Zone& zone) {
    if (std::find(c.zones.begin(), c.zones.end(), zone.code) != c.zones.end()) return true;
    const Category* category = bundle.event.find_category_code(c.category);
    return category != nullptr &&
           std::find(category->zones.begin(), category->zones.end(), zone.id) !=
               category->zones.end();
}

Decision decide_exit(Decision d, const Verification& v) {
    if (!v.ok()) {
        // Someone leaving is never held back, but an unreadable badge changes no presence.
        d.verdict = Verdict::attention;
        d.reason = v.reason();
        d.admitted = true;
        d.detail = "exit not recorded: " + v.detail();
        return d;
    }
    d.claims = v.claims();
    d.verdict = Verdict::granted;
    d.reason = Reason::exit_recorded;
    d.admitted = true;
    d.detail = "exit recorded";
    return d;
}

} // namespace

std::string_view verdict_name(Verdict verdict) {
    switch (verdict) {
    case Verdict::granted: return "granted";
    case Verdict::denied: return "denied";
    case Verdict::attention: return "attention";
    }
    return "denied";
}

Decision decide(const DecisionInput& in) {
    Decision d;
    if (in.bundle == nullptr || in.gate == nullptr || in.presence == nullptr ||
        in.revocations == nullptr)
        return deny(d, Reason::internal_error, "the kiosk is not configured", false);
    const EventDefinition& event = in.bundle->event;
    const Gate& gate = *in.gate;
    d.gate = gate.id;
    d.zone = gate.zone;
    d.direction = gate.direction == GateDirection::entry ? Direction::entry : Direction::exit;
    const Zone* zone = event.find_zone(gate.zone);
    if (zone == nullptr) return deny(d, Reason::internal_error, "the gate's zone is unknown", false);

    // 1. Well-formed, signed by a trusted key, for this event (the signature before any claim).
    TrustStore trusted;
    for (const auto& key : in.bundle->credential_keys) trusted.add(key);
    const Verification v = verify_credential(in.content, trusted, {event.id, std::nullopt});
    if (d.direction == Direction::exit) return decide_exit(std::move(d), v);
    if (!v.ok()) return deny(d, v.reason(), v.detail(), false);
    const Claims& c = v.claims();
    d.claims = c;

    // 3 (clock first: without a plausible clock no time-based rule can be trusted).
    if (in.now < static_cast<std::int64_t>(in.bundle->issued_at) || in.now < in.last_logged)
        return deny(d, Reason::clock_suspect,
                    "the kiosk clock is earlier than its bundle or its last logged entry", true);
    // 2. Not revoked, not superseded, and the revocation data fresh.
    if (in.revocations->is_revoked(c.cti))
        return deny(d, Reason::revoked, "this badge has been revoked", false);
    if (in.revocations->is_superseded(c.sub, c.issue))
        return deny(d, Reason::superseded, "a newer badge has been issued to this person", false);
    if (in.revocations->is_stale(static_cast<std::uint64_t>(in.now))) {
        d = deny(d, Reason::stale_revocations, "the revocation data is too old", true);
        d.verdict = Verdict::attention;
        return d;
    }
    // 3. Within nbf..exp.
    const auto now = static_cast<std::uint64_t>(in.now);
    if (now < c.nbf) return deny(d, Reason::not_yet_valid, "this badge is not valid yet", true);
    if (now >= c.exp) return deny(d, Reason::expired, "this badge has expired", true);
    // 4. Zone granted, clearance, open now.
    if (!zone_granted(*in.bundle, c, *zone))
        return deny(d, Reason::zone_not_granted, "no access to " + zone->name, true);
    if (c.rank < zone->min_rank)
        return deny(d, Reason::insufficient_clearance, "clearance too low for " + zone->name, true);
    if (!zone_open_at(event, *zone, in.now))
        return deny(d, Reason::zone_closed, zone->name + " is closed now", true);
    // 5. Presence: anti-passback, parent zone, capacity, escort.
    if (const auto since = in.presence->inside_since(c.sub, zone->id)) {
        const bool recent =
            gate.anti_passback == AntiPassback::timed &&
            in.now - *since < static_cast<std::int64_t>(gate.passback_minutes) * 60;
        if (gate.anti_passback == AntiPassback::hard || recent)
            return deny(d, Reason::already_inside, "already inside " + zone->name, true);
        if (gate.anti_passback == AntiPassback::soft) {
            d.verdict = Verdict::attention;
            d.reason = Reason::already_inside;
            d.admitted = true;
            d.detail = "already recorded inside " + zone->name + ": check the photo";
            return d;
        }
    }
    if (zone->capacity && in.presence->occupancy(zone->id) >= *zone->capacity)
        return deny(d, Reason::capacity_reached, zone->name + " is full", true);
    if (c.escort && !in.presence->inside_since(*c.escort, zone->id))
        return deny(d, Reason::escort_without_principal,
                    "the protected person is not inside " + zone->name, true);
    d.verdict = Verdict::granted;
    d.reason = Reason::granted;
    d.admitted = true;
    d.detail = "welcome";
    if (zone->parent && in.presence->knows_zone(*zone->parent) &&
        !in.presence->inside_since(c.sub, *zone->parent)) {
        // Where the parent zone's entries are known, coming in without passing its gate is
        // worth a look, not a refusal: the parent's kiosk may have been offline.
        d.verdict = Verdict::attention;
        d.detail = "no record of entering " + *zone->parent + " first";
    }
    return d;
}

std::optional<Decision> override_decision(const Decision& denied) {
    if (denied.admitted || !denied.override_possible) return std::nullopt;
    Decision d = denied;
    d.verdict = Verdict::granted;
    d.reason = Reason::granted_override;
    d.admitted = true;
    d.override_possible = false;
    d.detail = "admitted by a supervisor";
    return d;
}

} // namespace accred
