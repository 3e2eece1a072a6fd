#include "verdict_view.h"

#include "crypto/claims.h"
#include "event/calendar.h"
#include "event/local_time.h"
#include "kiosk/engine/zone_grant.h"
#include "kiosk/screen/status_items.h"

namespace accred {
namespace {

// holder's name as the bundle's claims spell it, "" when the store has no claims for holder.
std::string holder_name(const KioskState& state, const std::string& holder) {
    if (!state.store) return {};
    auto claims = state.store->claims(holder);
    return claims && claims->has_value() ? (*claims)->name : std::string();
}

// The event-local date of a UTC instant, or "" when the event's zone cannot be read (a UTC date
// could be a day off, so none is shown).
std::string local_date_text(const ResolvedZone& tz, std::int64_t utc) {
    const auto local = utc_to_local(tz, utc);
    return local ? format_iso_date(local->date) : std::string();
}

// One failing rule's note, with the fact it gives when the view has it.
std::string note(const VerdictView& v, const ScreenText& text, std::size_t language, Reason r) {
    const std::string key = note_key(r);
    const std::string plain = "reason." + std::string(reason_name(r));
    if (!text.has(key)) return text.get(language, plain);
    switch (r) {
    case Reason::not_yet_valid:
        return v.first_day.empty() ? text.get(language, plain)
                                   : text.get(language, key, {v.first_day});
    case Reason::expired:
        return v.last_day.empty() ? text.get(language, plain)
                                  : text.get(language, key, {v.last_day});
    case Reason::stale_revocations:
        return text.get(language, key, {format_age(text, language, v.revocations_age_s)});
    default:
        return text.get(language, key);
    }
}

// The decision's facts, with their instants made event-local.
void add_facts(const DecisionFacts& facts, const EventDefinition& event, const ResolvedZone& tz,
               VerdictView& v) {
    v.facts = facts;
    if (facts.valid_from) v.valid_from = utc_to_local(tz, *facts.valid_from);
    if (facts.valid_until) v.valid_until = utc_to_local(tz, *facts.valid_until);
    if (facts.zone_opens_at) v.zone_opens = utc_to_local(tz, *facts.zone_opens_at);
    if (facts.parent_not_entered) {
        const Zone* parent = event.find_zone(*facts.parent_not_entered);
        v.parent_zone =
            parent ? ShownName::of(*parent) : ShownName{*facts.parent_not_entered, {}, {}};
    }
}

// Every zone the holder may enter (the decision's own rule, zone_granted), in the event's order.
std::vector<ShownName> holder_zones(const KioskBundle& bundle, const Claims& c) {
    std::vector<ShownName> zones;
    for (const Zone& zone : bundle.event.zones)
        if (zone_granted(bundle, c, zone)) zones.push_back(ShownName::of(zone));
    return zones;
}

} // namespace

VerdictView make_verdict_view(const Reported& reported, const KioskState& state, std::int64_t now) {
    return make_verdict_view(reported, state,
                             ResolvedZone::resolve_or_unknown(state.bundle.event.time_zone), now);
}

VerdictView make_verdict_view(const Reported& reported, const KioskState& state,
                              const ResolvedZone& tz, std::int64_t now) {
    const KioskBundle& bundle = state.bundle;
    const Decision& d = reported.decision;
    VerdictView v;
    v.reason = d.reason;
    v.other_reasons = d.other_reasons;
    v.revocations_age_s = now - static_cast<std::int64_t>(state.revocations.issued_at);
    const std::string code(reason_name(d.reason));
    v.reason_key = "reason." + code;
    v.action_key = "action." + code;
    v.admitted = d.admitted;
    v.entering = d.direction == Direction::entry;
    v.override_possible = d.override_possible && reported.row.has_value();
    if (const Zone* zone = bundle.event.find_zone(d.zone)) v.zone_name = ShownName::of(*zone);
    add_facts(d.facts, bundle.event, tz, v);
    switch (d.verdict) {
    case Verdict::granted:
        v.kind = Verdict::granted;
        v.title_key = d.reason == Reason::exit_recorded      ? "verdict.exit"
                      : d.reason == Reason::granted_override ? "verdict.override"
                                                             : "verdict.granted";
        break;
    case Verdict::attention:
        v.kind = Verdict::attention;
        v.title_key = "verdict.attention";
        // Let out at an exit without a record (an unreadable badge, or a log that cannot be
        // written): say so. "Compare the photo" needs a holder whose passage is recorded.
        if (d.admitted && !v.entering && (!d.claims || d.reason == Reason::log_unavailable))
            v.action_key = "action.exit_unrecorded";
        else if (d.admitted && d.claims)
            v.action_key = "action.attention_admitted";
        break;
    case Verdict::denied:
        v.kind = Verdict::denied;
        v.title_key = "verdict.denied";
        break;
    }
    // A grant that could not be logged is not a grant (the engine already made it a denial).
    if (v.kind == Verdict::granted && !d.admitted) v.kind = Verdict::denied;
    v.hold_ms = v.kind == Verdict::granted ? kGrantedHoldMs : kRefusedHoldMs;
    if (reported.row) {
        v.log_seq = reported.row->seq;
        if (reported.row->override_by)
            if (const Supervisor* s = bundle.event.find_supervisor(*reported.row->override_by))
                v.override_by = s->name;
    }
    if (!d.claims) return v;
    const Claims& c = *d.claims;
    v.holder = c.sub;
    v.name = c.name;
    v.delegation = reported.delegation;
    const Category* category = bundle.event.find_category_code(c.category);
    v.category = category ? ShownName::of(*category) : ShownName{reported.category, {}, {}};
    v.zones = holder_zones(bundle, c);
    if (c.escort) {
        v.principal = *c.escort;
        v.principal_name = holder_name(state, *c.escort);
    }
    v.category_colour = reported.colour;
    // nbf is the first valid second; exp the first second no longer valid.
    v.first_day = local_date_text(tz, static_cast<std::int64_t>(c.nbf));
    v.last_day = local_date_text(tz, static_cast<std::int64_t>(c.exp) - 1);
    if (reported.photo_matches.has_value()) {
        v.photo = *reported.photo_matches ? PhotoState::matches : PhotoState::mismatch;
        if (v.photo == PhotoState::matches && photo_digest(reported.photo) == c.photo)
            v.photo_bytes = reported.photo;
        // Belt and braces: the bytes shown are the bytes whose digest was signed, or nothing.
        if (v.photo_bytes.empty()) v.photo = PhotoState::mismatch;
    }
    return v;
}

std::string other_reasons_line(const VerdictView& view, const ScreenText& text,
                               std::size_t language) {
    if (view.other_reasons.empty()) return {};
    std::string notes;
    for (const Reason r : view.other_reasons) {
        if (!notes.empty()) notes += text.get(language, "note.separator");
        notes += note(view, text, language, r);
    }
    return text.get(language, "note.also", {notes});
}

} // namespace accred
