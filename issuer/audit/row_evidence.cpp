#include "row_evidence.h"

#include "issuer/audit/presence_change.h"

namespace accred {

std::optional<std::string> gate_fit_problem(const EntryRecord& row, const Gate& gate) {
    if (row.zone != gate.zone)
        return "it names zone " + row.zone + ", but gate " + gate.id + " leads into zone " +
               gate.zone;
    if (!changes_presence(row)) return std::nullopt;
    const bool entry_gate = gate.direction == Direction::entry;
    if (row.direction == Direction::entry && !entry_gate)
        return "it records an entry at gate " + gate.id + ", which is a way out";
    if (row.direction == Direction::exit && entry_gate && !gate.exit_mode)
        return "it records an exit at gate " + gate.id +
               ", an entry gate with no exit mode";
    return std::nullopt;
}

std::optional<std::string> row_time_problem(const EntryRecord& row, std::int64_t real_now,
                                            std::int64_t desk_time) {
    const std::int64_t now = row.simulated_time ? desk_time : real_now;
    if (row.time <= now + kMaxRowLeadSeconds) return std::nullopt;
    return "it is dated " + std::to_string(row.time - now) +
           " s after the desk's clock (at most " + std::to_string(kMaxRowLeadSeconds) +
           " s allowed)";
}

std::optional<std::string> RowEvidenceCheck::problem(const EntryRecord& row,
                                                     const std::string& gate_id) {
    if (auto p = credentials_.problem(row)) return p;
    const Gate* gate = context_.event.find_gate(gate_id);
    if (gate == nullptr) return "its gate " + gate_id + " is not one of the event's gates";
    return gate_fit_problem(row, *gate);
}

} // namespace accred
