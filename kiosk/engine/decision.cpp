#include "decision.h"

#include "crypto/credential.h"
#include "event/event_window.h"
#include "event/local_time.h"
#include "kiosk/engine/rule_precedence.h"
#include "kiosk/engine/zone_grant.h"

#include <algorithm>

namespace accred {
namespace {

// One failing rule and its plain words.
struct Finding {
    Reason reason;
    std::string detail;
};

// Everything the rules found after the signature. Soft anti-passback and stale revocation data
// are not refusals: each only makes an otherwise granted decision amber (the first admitting,
// the second asking a supervisor).
struct Findings {
    std::vector<Finding> refusals;
    std::optional<Finding> soft_passback;
    std::optional<Finding> stale;
    DecisionFacts facts; // what the guard is told beside the verdict
};

Decision deny(Decision d, Reason reason, std::string detail) {
    d.verdict = Verdict::denied;
    d.reason = reason;
    d.admitted = false;
    d.override_possible = rule_overridable(reason);
    d.detail = std::move(detail);
    return d;
}

Decision decide_exit(Decision d, const Verification& v, const std::string& event_id) {
    if (!v.ok() || v.claims().iss != event_id) {
        // Someone leaving is never held back, but an unreadable badge changes no presence.
        d.verdict = Verdict::attention;
        d.reason = v.ok() ? Reason::wrong_event : v.reason();
        d.admitted = true;
        d.detail = "exit not recorded: " +
                   (v.ok() ? std::string("the badge is for another event") : v.detail());
        return d;
    }
    d.claims = v.claims();
    d.verdict = Verdict::granted;
    d.reason = Reason::exit_recorded;
    d.admitted = true;
    d.detail = "exit recorded";
    return d;
}

std::string hours_text(std::int64_t seconds) {
    return std::to_string(std::max<std::int64_t>(seconds, 0) / 3600) + " h";
}

// The time the rules are judged at. A clock earlier than the bundle or the last logged row is
// known to run behind: the true time is at least the latest of those, so that is the best
// estimate, and a badge is not called "not yet valid" (or a zone closed) by a clock that lags.
std::int64_t judged_time(const DecisionInput& in) {
    return std::max({in.now, static_cast<std::int64_t>(in.bundle->issued_at), in.last_logged});
}

// Rules 1-3 of the design brief after the signature: the event, revocation, the signed dates,
// the clock, and the freshness of the revocation data.
void check_badge(const DecisionInput& in, const Claims& c, Findings& f) {
    const EventDefinition& event = in.bundle->event;
    const RevocationList& revocations = *in.revocations;
    auto refuse = [&](Reason r, std::string why) { f.refusals.push_back({r, std::move(why)}); };
    if (c.iss != event.id) refuse(Reason::wrong_event, "this badge is for another event");
    if (in.now < static_cast<std::int64_t>(in.bundle->issued_at) || in.now < in.last_logged)
        refuse(Reason::clock_suspect,
               "the kiosk clock is earlier than its bundle or its last logged entry");
    const bool revoked = revocations.is_revoked(c.cti);
    if (revoked) refuse(Reason::revoked, "this badge has been revoked");
    const auto newer = revocations.current_issue.find(c.sub);
    if ((revoked || revocations.is_superseded(c.sub, c.issue)) &&
        newer != revocations.current_issue.end() && newer->second > c.issue) {
        f.facts.current_issue = newer->second; // revoked because reissued, or superseded
        f.facts.scanned_issue = c.issue;
    }
    if (revocations.is_superseded(c.sub, c.issue))
        refuse(Reason::superseded, "a newer badge has been issued to this person (issue " +
                                       std::to_string(newer->second) + " is the current one)");
    const auto now = static_cast<std::uint64_t>(judged_time(in));
    if (now < c.nbf) {
        refuse(Reason::not_yet_valid,
               "this badge is valid from " +
                   format_utc_as_local(*in.time_zone, static_cast<std::int64_t>(c.nbf)));
        f.facts.valid_from = static_cast<std::int64_t>(c.nbf);
    }
    if (now >= c.exp) {
        refuse(Reason::expired,
               "this badge expired on " +
                   format_utc_as_local(*in.time_zone, static_cast<std::int64_t>(c.exp)));
        f.facts.valid_until = static_cast<std::int64_t>(c.exp) - 1; // the last valid second
    }
    const std::int64_t age = judged_time(in) - static_cast<std::int64_t>(revocations.issued_at);
    if (revocations.is_stale(now)) { // its age from the best estimate of now
        f.facts.revocations_age_s = age;
        f.stale = Finding{Reason::stale_revocations,
                          "the revocation data is " + hours_text(age) + " old (at most " +
                              std::to_string(revocations.max_age_minutes / 60) + " h allowed)"};
    }
}

// Rules 4 and 5: the zone, clearance, opening hours, and presence (passback, capacity, escort).
void check_entry(const DecisionInput& in, const Claims& c, const Zone& zone, Findings& f) {
    const EventDefinition& event = in.bundle->event;
    const Gate& gate = *in.gate;
    const Presence& presence = *in.presence;
    const std::int64_t now = judged_time(in);
    const std::int64_t since = presence_reset_before(event, *in.time_zone, now);
    auto refuse = [&](Reason r, std::string why) { f.refusals.push_back({r, std::move(why)}); };
    if (!zone_granted(*in.bundle, c, zone))
        refuse(Reason::zone_not_granted, "no access to " + zone.name);
    if (c.rank < zone.min_rank)
        refuse(Reason::insufficient_clearance, "clearance too low for " + zone.name);
    if (!zone_open_at(event, *in.time_zone, zone, now)) {
        refuse(Reason::zone_closed, zone.name + " is closed now");
        f.facts.zone_opens_at = zone_next_opening(event, *in.time_zone, zone, now);
        f.facts.zone_never_reopens = !f.facts.zone_opens_at;
    }
    if (const auto entered = presence.inside_since(c.sub, zone.id, since)) {
        const std::int64_t wait =
            static_cast<std::int64_t>(gate.passback_minutes) * 60 - (now - *entered);
        if (gate.anti_passback == AntiPassback::timed && wait > 0) f.facts.reentry_in_s = wait;
        if (gate.anti_passback == AntiPassback::hard)
            refuse(Reason::already_inside, "already inside " + zone.name);
        else if (gate.anti_passback == AntiPassback::timed && wait > 0)
            refuse(Reason::already_inside, "already inside " + zone.name + ": re-entry in " +
                                               std::to_string((wait + 59) / 60) + " min");
        else if (gate.anti_passback == AntiPassback::soft)
            f.soft_passback = Finding{Reason::already_inside,
                                      "already recorded inside " + zone.name + ": check the photo"};
    }
    if (zone.capacity && presence.occupancy(zone.id, since) >= *zone.capacity)
        refuse(Reason::capacity_reached, zone.name + " is full");
    if (c.escort && !presence.inside_since(*c.escort, zone.id, since)) {
        refuse(Reason::escort_without_principal,
               "the protected person (" + *c.escort + ") is not inside " + zone.name);
        f.facts.principal = *c.escort;
    }
}

// The verdict from the findings: the worst refusal, else amber for stale data (a supervisor),
// else amber admitting for soft passback, else a grant.
Decision conclude(Decision d, Findings f) {
    std::vector<Finding> all = f.refusals;
    if (f.soft_passback) all.push_back(*f.soft_passback);
    if (f.stale) all.push_back(*f.stale);
    std::stable_sort(all.begin(), all.end(), [](const Finding& a, const Finding& b) {
        return severity(a.reason) < severity(b.reason);
    });
    // The verdict's reason: the worst refusal; without one, stale data; then soft passback.
    const Finding* main = nullptr;
    if (!f.refusals.empty())
        main = &*std::min_element(f.refusals.begin(), f.refusals.end(),
                                  [](const Finding& a, const Finding& b) {
                                      return severity(a.reason) < severity(b.reason);
                                  });
    else if (f.stale)
        main = &*f.stale;
    else if (f.soft_passback)
        main = &*f.soft_passback;
    if (main == nullptr) return d; // nothing failed: the caller's grant
    const Finding chosen = *main;
    std::string detail = chosen.detail;
    for (const Finding& other : all) {
        if (other.reason == chosen.reason && other.detail == chosen.detail) continue;
        if (std::find(d.other_reasons.begin(), d.other_reasons.end(), other.reason) !=
            d.other_reasons.end())
            continue;
        d.other_reasons.push_back(other.reason);
        detail += "; " + other.detail;
    }
    d = deny(std::move(d), chosen.reason, std::move(detail));
    if (f.refusals.empty()) {
        d.verdict = Verdict::attention;
        d.admitted = !f.stale; // soft passback alone admits; stale data asks a supervisor
        d.override_possible = !d.admitted;
    }
    return d;
}

// The decision before any rule: where (gate, zone, direction), or internal_error when the kiosk
// is not configured.
Decision start(const DecisionInput& in) {
    Decision d;
    d.reason = Reason::granted; // a placeholder: every caller decides the reason
    if (in.bundle == nullptr || in.gate == nullptr || in.presence == nullptr ||
        in.revocations == nullptr || in.trusted == nullptr || in.time_zone == nullptr)
        return deny(d, Reason::internal_error, "the kiosk is not configured");
    d.gate = in.gate->id;
    d.zone = in.gate->zone;
    d.direction = in.gate->direction == Direction::entry ? Direction::entry : Direction::exit;
    if (in.bundle->event.find_zone(in.gate->zone) == nullptr)
        return deny(d, Reason::internal_error, "the gate's zone is unknown");
    return d;
}

// Every rule after the signature, on claims the caller trusts (a verified badge's, or the
// signed bundle's for a manual lookup): the verdict of the most severe failing one.
Decision judge(Decision d, const DecisionInput& in, const Zone& zone, const Claims& c) {
    d.claims = c;

    Findings findings;
    check_badge(in, c, findings);
    check_entry(in, c, zone, findings);
    d.verdict = Verdict::granted;
    d.reason = Reason::granted;
    d.admitted = true;
    d.detail = "welcome";
    const bool clean = findings.refusals.empty() && !findings.stale && !findings.soft_passback;
    d.facts = findings.facts;
    d = conclude(std::move(d), std::move(findings));
    const std::int64_t since =
        presence_reset_before(in.bundle->event, *in.time_zone, judged_time(in));
    if (clean && zone.parent && in.presence->knows_zone(*zone.parent) &&
        !in.presence->inside_since(c.sub, *zone.parent, since)) {
        // Where the parent zone's entries are known, coming in without passing its gate is
        // worth a look, not a refusal: the parent's kiosk may have been offline.
        d.verdict = Verdict::attention;
        d.detail = "no record of entering " + *zone.parent + " first";
        d.facts.parent_not_entered = *zone.parent;
    }
    return d;
}

} // namespace

Decision decide(const DecisionInput& in) {
    Decision d = start(in);
    if (d.reason == Reason::internal_error) return d;
    const Zone* zone = in.bundle->event.find_zone(in.gate->zone);
    // Well-formed and signed by a trusted key: nothing in the claims is read before this. The
    // event is compared below, with the other rules, so that its refusal hides none of them.
    const Verification v = verify_credential(in.content, *in.trusted, {std::nullopt, std::nullopt});
    if (d.direction == Direction::exit) return decide_exit(std::move(d), v, in.bundle->event.id);
    if (!v.ok()) return deny(d, v.reason(), v.detail());
    return judge(std::move(d), in, *zone, v.claims());
}

Decision decide_manual(const DecisionInput& in, const Claims& claims) {
    Decision d = start(in);
    if (d.reason == Reason::internal_error) return d;
    const Zone* zone = in.bundle->event.find_zone(in.gate->zone);
    if (d.direction == Direction::exit) {
        // As for a scan, an exit is recorded whatever the badge's state (the bundle's claims are
        // of this event: it signed them).
        d.claims = claims;
        d.verdict = Verdict::granted;
        d.reason = Reason::exit_recorded;
        d.admitted = true;
        d.detail = "exit recorded";
    } else {
        d = judge(std::move(d), in, *zone, claims);
    }
    if (d.reason == Reason::granted) d.reason = Reason::granted_manual;
    d.other_reasons.push_back(Reason::manual_lookup); // the mark of a manual row, last
    d.override_possible = false;                      // a badge that did not scan is not overridden
    d.detail = "manual lookup: " + d.detail;
    return d;
}

bool is_manual_decision(const Decision& d) {
    return !d.other_reasons.empty() && d.other_reasons.back() == Reason::manual_lookup;
}

std::optional<Decision> override_decision(const Decision& refused) {
    if (refused.admitted || !refused.override_possible || !rule_overridable(refused.reason))
        return std::nullopt;
    Decision d = refused;
    d.verdict = Verdict::granted;
    d.reason = Reason::granted_override;
    d.admitted = true;
    d.override_possible = false;
    d.detail = "admitted by a supervisor";
    return d;
}

} // namespace accred
