// How the headless kiosk reports a decision: a JSON line for scripts, or a line for people.
#include "crypto/hex.h"
#include "event/local_time.h"
#include "kiosk/app/run_loop.h"

#include <nlohmann/json.hpp>

namespace accred {

std::string decision_json(const GateEngine& engine, const Reported& r, std::int64_t now) {
    const auto& d = r.decision;
    nlohmann::json j;
    j["time"] = format_utc_as_local(engine.time_zone(), now); // resolved once, not per scan
    j["utc"] = now;
    j["gate"] = d.gate;
    j["zone"] = d.zone;
    j["direction"] = direction_name(d.direction);
    j["verdict"] = verdict_name(d.verdict);
    j["reason"] = reason_name(d.reason);
    j["admitted"] = d.admitted;
    j["override_possible"] = d.override_possible;
    nlohmann::json others = nlohmann::json::array();
    for (Reason other : d.other_reasons) others.push_back(reason_name(other));
    j["other_reasons"] = std::move(others);
    j["detail"] = d.detail;
    j["manual"] = is_manual_decision(d); // decided by manual lookup: the badge did not scan
    if (d.claims) {
        j["holder"] = d.claims->sub;
        j["name"] = d.claims->name;
        j["category"] = r.category;
        j["delegation"] = r.delegation;
        j["credential_id"] = hex_encode(d.claims->cti);
        j["issue"] = d.claims->issue;
    }
    if (r.photo_matches) j["photo_matches"] = *r.photo_matches;
    if (r.row) {
        j["log_seq"] = r.row->seq;
        if (r.row->override_by) j["override_by"] = *r.row->override_by;
        if (r.row->original_reason) j["original_reason"] = reason_name(*r.row->original_reason);
        j["simulated_time"] = r.row->simulated_time;
    } else {
        j["log_seq"] = nullptr;
    }
    return j.dump();
}

std::string decision_line(const GateEngine& engine, const Reported& r, std::int64_t now) {
    const auto& d = r.decision;
    std::string line = format_utc_as_local(engine.time_zone(), now) + "  " + d.gate + "  ";
    std::string verdict(verdict_name(d.verdict));
    for (auto& ch : verdict) ch = static_cast<char>(std::toupper(static_cast<unsigned char>(ch)));
    line += verdict + " (" + std::string(reason_name(d.reason)) + ")";
    if (is_manual_decision(d)) line += " MANUAL";
    if (d.claims) line += "  " + d.claims->sub + " " + d.claims->name + ", " + r.category;
    line += "  - " + d.detail;
    if (r.row) line += "  [log #" + std::to_string(r.row->seq) + "]";
    return line;
}

} // namespace accred
