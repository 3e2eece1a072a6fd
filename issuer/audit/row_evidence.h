// Whether a logged row may be taken as fact: the checks the desk makes on every row a kiosk
// pushes before it may change anyone's presence (issuer serve), and the audit makes on every row
// of a log (audit verify). A row that fails is evidence of a fault or of a kiosk in the wrong
// hands; it is kept, never acted on.
#pragma once

#include "event/event_definition.h"
#include "issuer/audit/credential_check.h"
#include "entrylog/entry_record.h"

#include <cstdint>
#include <optional>
#include <string>

namespace accred {

// How far ahead of the desk's clock a kiosk's row may be dated. Kiosks keep their own clocks
// (NTP when the network is up, the RTC when it is not): five minutes is well beyond their drift
// over an event, and well short of the re-entry windows an early-dated exit could open.
inline constexpr std::int64_t kMaxRowLeadSeconds = 5 * 60;

// What is wrong with row for the gate it was logged at, or nullopt. Every row's zone is the
// gate's zone; a row that changes presence goes the gate's way (at an entry gate an exit only
// when the gate allows exit mode); a supervisor's action opens no door and so has no direction
// to check.
std::optional<std::string> gate_fit_problem(const EntryRecord& row, const Gate& gate);

// What is wrong with row's time against the desk's clocks, or nullopt: a row dated more than
// kMaxRowLeadSeconds after now. A row logged under a simulated clock (a rehearsal) is compared
// with the desk's own clock as it reports it (simulated under issuer serve --now), others with
// the real time.
std::optional<std::string> row_time_problem(const EntryRecord& row, std::int64_t real_now,
                                            std::int64_t desk_time);

// The credential and gate checks together, for a registered kiosk's rows.
class RowEvidenceCheck {
  public:
    // context must outlive the check.
    explicit RowEvidenceCheck(const AuditContext& context) : credentials_(context), context_(context) {}

    // Why row, logged by a kiosk registered at gate_id, cannot be taken as fact, or nullopt:
    // its credential (CredentialChecker::problem), then its fit to the gate (an unknown gate is
    // itself the problem).
    std::optional<std::string> problem(const EntryRecord& row, const std::string& gate_id);

  private:
    CredentialChecker credentials_;
    const AuditContext& context_;
};

} // namespace accred
