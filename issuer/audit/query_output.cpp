#include "query_output.h"

#include "issuer/audit/audit_time.h"
#include "issuer/audit/csv_writer.h"

#include <nlohmann/json.hpp>

namespace accred {
namespace {

std::string opt(const std::optional<std::string>& s) {
    return s ? *s : std::string();
}

nlohmann::json opt_json(const std::optional<std::string>& s) {
    return s ? nlohmann::json(*s) : nlohmann::json(nullptr);
}

// Text from logs handed in may be any valid UTF-8; dump() would throw on invalid bytes, so
// they are replaced rather than trusted.
nlohmann::json reasons_json(const std::vector<Reason>& reasons) {
    nlohmann::json out = nlohmann::json::array();
    for (Reason r : reasons) out.push_back(reason_name(r));
    return out;
}

nlohmann::json opt_reason_json(const std::optional<Reason>& reason) {
    return reason ? nlohmann::json(reason_name(*reason)) : nlohmann::json(nullptr);
}

std::string dump(const nlohmann::json& j) {
    return j.dump(2, ' ', false, nlohmann::json::error_handler_t::replace);
}

} // namespace

void print_rows(std::ostream& out, const std::string& tz_name, const std::vector<EntryRecord>& rows,
                bool json) {
    const ResolvedZone tz = ResolvedZone::resolve_or_unknown(tz_name); // once, not per row
    if (json) {
        nlohmann::json all = nlohmann::json::array();
        for (const EntryRecord& r : rows)
            all.push_back({{"time", format_audit_time(tz, r.time)},
                           {"utc", r.time},
                           {"gate", r.gate},
                           {"zone", r.zone},
                           {"direction", direction_name(r.direction)},
                           {"verdict", verdict_name(r.verdict)},
                           {"reason", reason_name(r.reason)},
                           {"admitted", r.admitted},
                           {"other_reasons", reasons_json(r.other_reasons)},
                           {"holder", opt_json(r.holder)},
                           {"override_by", opt_json(r.override_by)},
                           {"original_reason", opt_reason_json(r.original_reason)},
                           {"simulated_time", r.simulated_time},
                           {"kiosk_id", r.kiosk_id},
                           {"seq", r.seq},
                           {"manual", is_manual_row(r)}});
        out << dump(all) << "\n";
        return;
    }
    CsvWriter csv(out);
    csv.row({"time", "gate", "zone", "direction", "verdict", "reason", "admitted", "other_reasons",
             "holder", "override_by", "original_reason", "simulated_time", "kiosk_id", "seq",
             "manual"});
    for (const EntryRecord& r : rows)
        csv.row({format_audit_time(tz, r.time), r.gate, r.zone,
                 std::string(direction_name(r.direction)), std::string(verdict_name(r.verdict)),
                 std::string(reason_name(r.reason)), r.admitted ? "1" : "0",
                 reasons_to_text(r.other_reasons), opt(r.holder), opt(r.override_by),
                 r.original_reason ? std::string(reason_name(*r.original_reason)) : "",
                 r.simulated_time ? "1" : "0", r.kiosk_id, std::to_string(r.seq),
                 is_manual_row(r) ? "1" : "0"});
}

void print_occupants(std::ostream& out, const std::string& tz_name, const std::string& zone,
                     std::int64_t at, const std::vector<Occupant>& occupants, bool json) {
    const ResolvedZone tz = ResolvedZone::resolve_or_unknown(tz_name);
    if (json) {
        nlohmann::json people = nlohmann::json::array();
        for (const Occupant& o : occupants)
            people.push_back({{"holder", o.holder},
                              {"inside_since", format_audit_time(tz, o.since)},
                              {"since_utc", o.since},
                              {"innermost_zone", o.zone},
                              {"gate", o.gate}});
        out << dump({{"zone", zone},
                     {"at", format_audit_time(tz, at)},
                     {"at_utc", at},
                     {"count", occupants.size()},
                     {"inside", people}})
            << "\n";
        return;
    }
    CsvWriter csv(out);
    csv.row({"holder", "inside_since", "innermost_zone", "gate"});
    for (const Occupant& o : occupants)
        csv.row({o.holder, format_audit_time(tz, o.since), o.zone, o.gate});
}

void print_anomalies(std::ostream& out, const std::string& tz_name,
                     const std::vector<Anomaly>& anomalies, bool json) {
    const ResolvedZone tz = ResolvedZone::resolve_or_unknown(tz_name);
    const auto when = [&](const Anomaly& a) {
        return a.time == 0 ? std::string() : format_audit_time(tz, a.time);
    };
    if (json) {
        nlohmann::json all = nlohmann::json::array();
        for (const Anomaly& a : anomalies)
            all.push_back(
                {{"kind", a.kind},
                 {"time", a.time == 0 ? nlohmann::json(nullptr) : nlohmann::json(when(a))},
                 {"utc", a.time},
                 {"gate", a.gate},
                 {"kiosk_id", a.kiosk_id},
                 {"seq", a.seq},
                 {"holder", a.holder},
                 {"detail", a.detail}});
        out << dump(all) << "\n";
        return;
    }
    CsvWriter csv(out);
    csv.row({"kind", "time", "gate", "kiosk_id", "seq", "holder", "detail"});
    for (const Anomaly& a : anomalies)
        csv.row({a.kind, when(a), a.gate, a.kiosk_id, a.seq ? std::to_string(a.seq) : "", a.holder,
                 a.detail});
}

} // namespace accred
