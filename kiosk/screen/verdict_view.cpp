#include "verdict_view.h"

#include "crypto/claims.h"

namespace accred {

VerdictView make_verdict_view(const Reported& reported, const KioskBundle& bundle) {
    const Decision& d = reported.decision;
    VerdictView v;
    v.reason = d.reason;
    const std::string code(reason_name(d.reason));
    v.reason_key = "reason." + code;
    v.action_key = "action." + code;
    v.admitted = d.admitted;
    v.entering = d.direction == Direction::entry;
    v.override_possible = d.override_possible && reported.row.has_value();
    if (const Zone* zone = bundle.event.find_zone(d.zone)) v.zone_name = zone->name;
    switch (d.verdict) {
    case Verdict::granted:
        v.kind = VerdictKind::granted;
        v.title_key = d.reason == Reason::exit_recorded      ? "verdict.exit"
                      : d.reason == Reason::granted_override ? "verdict.override"
                                                             : "verdict.granted";
        break;
    case Verdict::attention:
        v.kind = VerdictKind::attention;
        v.title_key = "verdict.attention";
        // Let out at an exit without a record (an unreadable badge, or a log that cannot be
        // written): say so. "Compare the photo" needs a holder whose passage is recorded.
        if (d.admitted && !v.entering && (!d.claims || d.reason == Reason::log_unavailable))
            v.action_key = "action.exit_unrecorded";
        else if (d.admitted && d.claims)
            v.action_key = "action.attention_admitted";
        break;
    case Verdict::denied:
        v.kind = VerdictKind::denied;
        v.title_key = "verdict.denied";
        break;
    }
    // A grant that could not be logged is not a grant (the engine already made it a denial).
    if (v.kind == VerdictKind::granted && !d.admitted) v.kind = VerdictKind::denied;
    v.hold_ms = v.kind == VerdictKind::granted ? kGrantedHoldMs : kRefusedHoldMs;
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
    v.category = reported.category;
    v.category_colour = reported.colour;
    if (reported.photo_matches.has_value()) {
        v.photo = *reported.photo_matches ? PhotoState::matches : PhotoState::mismatch;
        if (v.photo == PhotoState::matches)
            for (const auto& p : bundle.photos)
                if (p.holder == c.sub && photo_digest(p.bytes) == c.photo) v.photo_bytes = p.bytes;
        // Belt and braces: the bytes shown are the bytes whose digest was signed, or nothing.
        if (v.photo_bytes.empty()) v.photo = PhotoState::mismatch;
    }
    return v;
}

} // namespace accred
