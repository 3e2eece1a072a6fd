// issuer audit verify / merge: prove each kiosk log complete and untouched, then gather them into
// one event-wide store.
#include "crypto/count_noun.h"
#include "issuer/audit/anomalies.h"
#include "issuer/audit/audit_store.h"
#include "issuer/audit/audit_time.h"
#include "issuer/audit/log_verifier.h"
#include "issuer/audit/terminal_text.h"
#include "issuer/cli/audit_cli.h"
#include "issuer/cli/commands.h"
#include "issuer/cli/progress_bar.h"

#include <filesystem>
#include <iostream>

namespace accred {
namespace {

struct LogsOptions {
    DeskOptions desk;
    std::vector<std::string> checkpoints;
    std::vector<std::string> logs;
    std::string out;
};

// Paths, kiosk ids, gates and findings quote what the files hold: escaped before printing.
void print_verdict(const LogVerdict& v, const std::string& tz) {
    std::cout << (v.ok() ? "OK    " : "FAIL  ") << escape_for_terminal(v.path);
    if (!v.unreadable) {
        std::cout << ": kiosk " << escape_for_terminal(v.kiosk_id) << " at gate "
                  << escape_for_terminal(v.gate) << ", " << count_noun(v.rows, "row", "rows")
                  << ", " << count_noun(v.stored_checkpoints, "checkpoint", "checkpoints")
                  << " in the file";
        if (v.desk_checkpoint)
            std::cout << ", desk checkpoint at row " << v.desk_checkpoint->seq << " ("
                      << format_audit_time(tz, v.desk_checkpoint->time) << ")";
    }
    std::cout << "\n";
    for (const Finding& f : v.findings)
        std::cout << "      " << escape_for_terminal(f.what) << "\n";
    for (const auto& w : v.warnings)
        std::cout << "      note: " << escape_for_terminal(w) << "\n";
}

// Every path must name a readable file: a typo is a usage error (2), not a finding (1).
Status check_paths(const std::vector<std::string>& logs) {
    for (const auto& p : logs) {
        std::error_code ec;
        if (!std::filesystem::is_regular_file(p, ec))
            return Error{p + " is not a file (give each kiosk's log.db)"};
    }
    return success();
}

int run_verify(const LogsOptions& o) {
    if (auto s = check_paths(o.logs); !s) return fail_audit(s.error().message);
    auto context = load_audit_context(o.desk, o.checkpoints);
    if (!context) return fail_audit(context.error().message);
    const std::string& tz = context->event.time_zone;
    bool all_ok = context->checkpoint_problems.empty();
    nlohmann::json logs = nlohmann::json::array();
    for (const auto& p : context->checkpoint_problems)
        if (!o.desk.json) std::cout << "FAIL  checkpoint " << escape_for_terminal(p) << "\n";
    ProgressBar bar("Verifying", !o.desk.json);
    std::size_t done = 0;
    bar.update(done, o.logs.size());
    for (const auto& path : o.logs) {
        const VerifiedLog v = verify_log_file(path, context.value());
        all_ok = all_ok && v.verdict.ok();
        bar.clear();
        if (o.desk.json)
            logs.push_back(verdict_json(v.verdict, tz));
        else
            print_verdict(v.verdict, tz);
        bar.update(++done, o.logs.size());
    }
    bar.finish();
    if (o.desk.json)
        std::cout << nlohmann::json{{"ok", all_ok},
                                    {"checkpoint_problems", context->checkpoint_problems},
                                    {"logs", logs}}
                         .dump(2, ' ', false, nlohmann::json::error_handler_t::replace)
                  << "\n";
    else
        std::cout << (all_ok ? "All logs verified.\n" : "Verification FAILED.\n");
    return all_ok ? kExitOk : kExitRefused;
}

// Verifies one log and merges it when it verifies: its result for --json, printed otherwise.
nlohmann::json merge_one(AuditStore& store, const std::string& path, const AuditContext& context,
                         bool json, std::size_t& added, ProgressBar& bar) {
    const std::string& tz = context.event.time_zone;
    VerifiedLog v = verify_log_file(path, context);
    auto m = v.verdict.ok() ? store.merge(v.contents, v.verdict.gate, path)
                            : Outcome<MergeResult>(Error{"not verified"});
    bar.clear(); // the lines below start on a line of their own
    nlohmann::json r = verdict_json(v.verdict, tz);
    r["merged"] = false;
    if (!v.verdict.ok()) { // only what verifies goes in: the store must stay verifiable
        if (!json) print_verdict(v.verdict, tz), std::cout << "      not merged\n";
    } else if (!m) {
        r["error"] = m.error().message;
        if (!json) std::cout << "FAIL  " << escape_for_terminal(m.error().message) << "\n";
    } else {
        r["merged"] = true;
        added += m->added;
        r["added"] = m->added;
        r["already_held"] = m->already;
        if (!json)
            std::cout << "OK    " << escape_for_terminal(path) << ": kiosk "
                      << escape_for_terminal(v.verdict.kiosk_id) << ", "
                      << count_noun(m->added, "row", "rows") << " added, " << m->already
                      << " already held\n";
    }
    return r;
}

int run_merge(const LogsOptions& o) {
    if (auto s = check_paths(o.logs); !s) return fail_audit(s.error().message);
    auto context = load_audit_context(o.desk, o.checkpoints);
    if (!context) return fail_audit(context.error().message);
    auto store = AuditStore::open_for_merge(o.out, context->event);
    if (!store) return fail_audit(store.error().message);
    bool all_ok = true;
    nlohmann::json results = nlohmann::json::array();
    std::size_t added = 0;
    ProgressBar bar("Merging", !o.desk.json);
    bar.update(0, o.logs.size());
    for (const auto& path : o.logs) {
        nlohmann::json r = merge_one(store.value(), path, context.value(), o.desk.json, added, bar);
        all_ok = all_ok && r["merged"].get<bool>();
        results.push_back(r);
        bar.update(results.size(), o.logs.size());
    }
    bar.finish();
    if (added > 0)
        if (auto s = cache_anomalies(store.value()); !s) return fail_audit(s.error().message);
    if (o.desk.json)
        std::cout << nlohmann::json{{"ok", all_ok}, {"store", o.out}, {"logs", results}}.dump(
                         2, ' ', false, nlohmann::json::error_handler_t::replace)
                  << "\n";
    return all_ok ? kExitOk : kExitRefused;
}

void add_common(CLI::App* sub, LogsOptions& o) {
    add_desk_options(sub, o.desk);
    sub->add_option("--checkpoints", o.checkpoints,
                    "File of `kiosk checkpoint` lines, besides those the desk holds");
    sub->add_option("LOG", o.logs, "Kiosk entry logs (log.db)")->required();
}

} // namespace

void add_audit_verify_commands(CLI::App* audit, int& exit_code) {
    auto v = std::make_shared<LogsOptions>();
    CLI::App* verify = audit->add_subcommand(
        "verify", "Verify kiosk logs: chain, checkpoints, registered keys, credentials");
    add_common(verify, *v);
    verify->callback([v, &exit_code] { exit_code = run_verify(*v); });
    auto m = std::make_shared<LogsOptions>();
    CLI::App* merge = audit->add_subcommand(
        "merge", "Merge verified kiosk logs into one event-wide store (idempotent)");
    add_common(merge, *m);
    merge->add_option("--out", m->out, "The event-wide store (created, or added to)")->required();
    merge->callback([m, &exit_code] { exit_code = run_merge(*m); });
}

} // namespace accred
