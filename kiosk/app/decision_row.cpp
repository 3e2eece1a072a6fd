#include "decision_row.h"

namespace accred {
namespace {

// A row with what every row of this kiosk carries: when, under which clock, where.
EntryRecord stamped_row(const RowStamp& stamp, const std::string& gate, const std::string& zone) {
    EntryRecord row;
    row.time = stamp.now;
    row.simulated_time = stamp.simulated_time;
    row.kiosk_id = stamp.kiosk_id;
    row.gate = gate;
    row.zone = zone;
    return row;
}

} // namespace

EntryRecord decision_row(const Decision& d, std::string_view content, const RowStamp& stamp,
                         std::optional<std::string> override_by, std::optional<Reason> original) {
    EntryRecord row = stamped_row(stamp, d.gate, d.zone);
    row.direction = d.direction;
    row.verdict = d.verdict;
    row.reason = d.reason;
    row.admitted = d.admitted;
    row.other_reasons = d.other_reasons;
    if (d.claims) {
        row.holder = d.claims->sub;
        row.cti = d.claims->cti;
        row.issue = d.claims->issue;
    }
    row.override_by = std::move(override_by);
    row.original_reason = original;
    row.credential = std::string(content.substr(0, kMaxStoredContent));
    return row;
}

EntryRecord supervisor_row(Reason reason, Verdict verdict, const std::string& supervisor_id,
                           const std::string& gate, const std::string& zone,
                           const RowStamp& stamp) {
    EntryRecord row = stamped_row(stamp, gate, zone);
    row.direction = Direction::entry;
    row.verdict = verdict;
    row.reason = reason;
    row.admitted = false; // a supervisor's action opens no door
    row.override_by = supervisor_id;
    return row;
}

Decision unlogged_decision(Decision d, const std::string& why) {
    d.reason = Reason::log_unavailable;
    d.override_possible = false;
    if (d.direction == Direction::exit) {
        // Someone leaving is never held back by the kiosk: let them out, say it is not
        // recorded (presence keeps them inside, which only ever makes entry stricter).
        d.verdict = Verdict::attention;
        d.admitted = true;
        d.detail = "exit not recorded: the entry log cannot be written: " + why;
    } else {
        // Nothing may be granted that is not on record.
        d.verdict = Verdict::denied;
        d.admitted = false;
        d.detail = "the entry log cannot be written: " + why;
    }
    return d;
}

} // namespace accred
