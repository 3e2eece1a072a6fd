#include "entry_record.h"

#include <algorithm>

namespace accred {

std::string_view verdict_name(Verdict verdict) {
    switch (verdict) {
    case Verdict::granted: return "granted";
    case Verdict::denied: return "denied";
    case Verdict::attention: return "attention";
    }
    return "denied";
}

std::optional<Verdict> verdict_from_name(std::string_view name) {
    for (Verdict v : {Verdict::granted, Verdict::denied, Verdict::attention})
        if (verdict_name(v) == name) return v;
    return std::nullopt;
}

bool v1_row_admitted(Direction direction, Verdict verdict, Reason reason) {
    if (reason == Reason::pin_rejected || reason == Reason::supervisor_unlock) return false;
    if (direction == Direction::exit) return verdict != Verdict::denied;
    return verdict == Verdict::granted ||
           (verdict == Verdict::attention &&
            (reason == Reason::already_inside || reason == Reason::granted));
}

bool is_supervisor_action(const EntryRecord& row) {
    return row.reason == Reason::pin_rejected || row.reason == Reason::supervisor_unlock;
}

bool is_manual_row(const EntryRecord& row) {
    return std::find(row.other_reasons.begin(), row.other_reasons.end(), Reason::manual_lookup) !=
           row.other_reasons.end();
}

bool row_admits(const EntryRecord& row) {
    return row.direction == Direction::entry && row.admitted && !is_supervisor_action(row);
}

std::string reasons_to_text(const std::vector<Reason>& reasons) {
    std::string out;
    for (Reason r : reasons) {
        if (!out.empty()) out += ',';
        out += reason_name(r);
    }
    return out;
}

std::optional<std::vector<Reason>> reasons_from_text(std::string_view text) {
    std::vector<Reason> out;
    if (text.empty()) return out;
    for (std::size_t start = 0;;) {
        const std::size_t comma = text.find(',', start);
        const auto name = text.substr(start, comma == std::string_view::npos ? comma : comma - start);
        const auto reason = reason_from_name(name);
        if (!reason) return std::nullopt;
        out.push_back(*reason);
        if (comma == std::string_view::npos) return out;
        start = comma + 1;
    }
}

} // namespace accred
