// Internal to issuer/audit: the `issuer audit` subcommands, registered by add_audit_commands.
#pragma once

#include "issuer/audit/audit_context.h"
#include "issuer/audit/log_verdict.h"
#include "issuer/audit/terminal_text.h"
#include "issuer/cli/commands.h"
#include "issuer/cli/desk_cli.h"

#include <CLI/CLI.hpp>
#include <nlohmann/json.hpp>
#include <string>
#include <vector>

namespace accred {

void add_audit_verify_commands(CLI::App* audit, int& exit_code); // verify, merge
void add_audit_query_commands(CLI::App* audit, int& exit_code); // trail, zone, occupancy, anomalies
void add_audit_report_command(CLI::App* audit, int& exit_code); // report

// The workspace's audit context plus the checkpoints of each file (lines of `kiosk checkpoint`).
Outcome<AuditContext> load_audit_context(const DeskOptions& desk,
                                         const std::vector<std::string>& checkpoint_files);

// fail_usage for the audit: its errors quote what the files handed in hold (a row's text, a
// path), so they are escaped for the terminal first.
inline int fail_audit(const std::string& message) {
    return fail_usage(escape_for_terminal(message));
}

// One log's verdict as JSON (times in the event's zone with the offset).
nlohmann::json verdict_json(const LogVerdict& v, const std::string& tz);

} // namespace accred
