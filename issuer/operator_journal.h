// The operator journal in desk.db: one row for every action taken through the web desk (who, as
// which role, what, on whom, when, from which address). Rows are only ever added (desk.db's
// triggers refuse to change or delete one); the supervisor and the auditor read it, and the audit
// report includes it (docs/desk-web.md, "The operator journal").
#pragma once

#include "crypto/outcome.h"
#include "store/sqlite_db.h"

#include <cstdint>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

namespace accred {

enum class JournalAction {
    login,
    login_refused, // a wrong name or password, or a disabled account
    logout,
    session_expired,
    register_person, // a walk-in
    upload_roster,
    issue,
    reissue,
    revoke,
    reinstate,
    print,          // sent to a printer queue
    download_badge, // the badge PDF handed to the browser (to print there)
    export_bundle,
    export_revocations,
    view_evacuation_list,
    view_audit_report,
    withdraw, // an accreditation withdrawn without a badge to revoke
};

// "login", "register", ...: the journal's stored spelling.
std::string_view journal_action_name(JournalAction action);
std::optional<JournalAction> parse_journal_action(std::string_view text);

struct OperatorAction {
    std::int64_t seq = 0; // set by desk.db
    std::int64_t at = 0;  // UTC seconds, the desk's clock
    std::string operator_name;
    std::string role; // the role's name at the time (role_name)
    JournalAction action = JournalAction::login;
    std::string subject; // the holder id, file name or page the action was about; may be empty
    std::string detail;  // the reason given, the outcome, the printer queue...
    std::string remote;  // the browser's address
};

// Appends one row (seq is assigned); its own statement, inside the caller's transaction if any.
[[nodiscard]] Status record_operator_action(Database& db, const OperatorAction& action);

// The newest rows first, at most limit, only those about subject when it is not empty, only
// those older than before_seq when it is above 0 (to page back), only operator_name's when it is
// not empty.
Outcome<std::vector<OperatorAction>> operator_actions(Database& db, const std::string& subject,
                                                      std::size_t limit,
                                                      std::int64_t before_seq = 0,
                                                      const std::string& operator_name = "");

// All rows, oldest first, for the audit report.
Outcome<std::vector<OperatorAction>> all_operator_actions(Database& db);

} // namespace accred
