// issuer audit report: one self-contained HTML file for the reviewers (docs/audit.md).
#include "crypto/count_noun.h"
#include "crypto/file_io.h"
#include "issuer/audit/report_html.h"
#include "issuer/cli/audit_cli.h"
#include "issuer/cli/commands.h"

#include <iostream>

namespace accred {
namespace {

struct ReportOptions {
    DeskOptions desk;
    std::vector<std::string> checkpoints;
    std::string db;
    std::string out;
    Overwrite overwrite = Overwrite::refuse; // --force
};

int run_report(const ReportOptions& o) {
    if (auto s = check_output_path(o.out, o.overwrite); !s) return fail_audit(s.error().message);
    auto desk = open_desk(o.desk);
    if (!desk) return fail_audit(desk.error().message);
    auto now = desk_now(desk.value(), o.desk);
    if (!now) return fail_audit(now.error().message);
    auto data =
        desk_report_data(desk.value(), o.db, o.checkpoints, static_cast<std::int64_t>(*now));
    if (!data) return fail_audit(data.error().message);
    const std::string html = report_html(data.value());
    if (auto s = write_output_file(o.out, as_bytes(html), 0644, o.overwrite); !s)
        return fail_audit(s.error().message);
    if (o.desk.json)
        std::cout << nlohmann::json{{"report", o.out},
                                    {"verified", data->verified()},
                                    {"rows", data->total_rows},
                                    {"anomalies", data->anomalies.size()}}
                         .dump(2)
                  << "\n";
    else
        std::cout << "Wrote " << o.out << ": "
                  << count_noun(data->total_rows, "decision", "decisions") << ", "
                  << count_noun(data->anomalies.size(), "anomaly", "anomalies") << ", verification "
                  << (data->verified() ? "passed" : "FAILED") << "\n";
    return data->verified() ? kExitOk : kExitRefused;
}

} // namespace

void add_audit_report_command(CLI::App* audit, int& exit_code) {
    auto o = std::make_shared<ReportOptions>();
    CLI::App* report = audit->add_subcommand(
        "report", "Write the audit report: one self-contained HTML file, printable on A4");
    add_desk_options(report, o->desk);
    report->add_option("--db", o->db, "The event-wide store made by `issuer audit merge`")
        ->required();
    report->add_option("--out", o->out, "The HTML file to write")->required();
    add_force_option(report, o->overwrite);
    report->add_option("--checkpoints", o->checkpoints,
                       "File of `kiosk checkpoint` lines, besides those the desk holds");
    report->callback([o, &exit_code] { exit_code = run_report(*o); });
}

} // namespace accred
