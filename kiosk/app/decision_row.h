// The entry-log rows the engine writes, made from values: a decision's row, a supervisor
// action's row, and the decision reported when its row could not be written.
#pragma once

#include "kiosk/engine/decision.h"
#include "entrylog/entry_record.h"

#include <cstdint>
#include <optional>
#include <string>
#include <string_view>

namespace accred {

// Where and when a row is written.
struct RowStamp {
    std::int64_t now = 0;
    bool simulated_time = false; // marks every row
    std::string kiosk_id;
};

// Credentials are at most 2048 characters; anything longer is stored cut, flagged by its length.
inline constexpr std::size_t kMaxStoredContent = 2048;

// The row recording decision d on content. For an override, override_by names the supervisor
// and original the reason of the denial overridden.
EntryRecord decision_row(const Decision& d, std::string_view content, const RowStamp& stamp,
                         std::optional<std::string> override_by, std::optional<Reason> original);

// A supervisor's action (pin_rejected, supervisor_unlock) at gate into zone: no holder, no
// credential, and no door opened.
EntryRecord supervisor_row(Reason reason, Verdict verdict, const std::string& supervisor_id,
                           const std::string& gate, const std::string& zone,
                           const RowStamp& stamp);

// What is reported instead of d when its row could not be written (why: the log's error).
// Nothing may be granted that is not on record; but someone leaving is let out, with an
// attention saying the exit is not recorded.
Decision unlogged_decision(Decision d, const std::string& why);

} // namespace accred
