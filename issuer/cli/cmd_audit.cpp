// issuer audit: verification, merging, queries and the report for audit reviewers (docs/audit.md).
#include "issuer/audit/audit_time.h"
#include "issuer/cli/audit_cli.h"
#include "issuer/cli/commands.h"

namespace accred {

Outcome<AuditContext> load_audit_context(const DeskOptions& desk_options,
                                         const std::vector<std::string>& checkpoint_files) {
    auto desk = open_desk(desk_options);
    if (!desk) return desk.error();
    return desk_audit_context(desk.value(), checkpoint_files);
}

nlohmann::json verdict_json(const LogVerdict& v, const std::string& tz) {
    nlohmann::json findings = nlohmann::json::array();
    for (const Finding& f : v.findings)
        findings.push_back({{"row", f.seq}, {"what", f.what}});
    nlohmann::json cp = nullptr;
    if (v.desk_checkpoint)
        cp = {{"seq", v.desk_checkpoint->seq},
              {"time", format_audit_time(tz, v.desk_checkpoint->time)}};
    return {{"path", v.path},
            {"ok", v.ok()},
            {"readable", !v.unreadable},
            {"kiosk_id", v.kiosk_id},
            {"gate", v.gate},
            {"rows", v.rows},
            {"stored_checkpoints", v.stored_checkpoints},
            {"desk_checkpoint", cp},
            {"rows_after_desk_checkpoint", v.rows_after_checkpoint},
            {"findings", findings},
            {"warnings", v.warnings}};
}

void add_audit_commands(CLI::App& app, int& exit_code) {
    CLI::App* audit = app.add_subcommand(
        "audit", "Audit the kiosks' logs: verify, merge, query, report (docs/audit.md)");
    audit->require_subcommand(1);
    add_audit_verify_commands(audit, exit_code);
    add_audit_query_commands(audit, exit_code);
    add_audit_report_command(audit, exit_code);
}

} // namespace accred
