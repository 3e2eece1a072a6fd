// issuer roster import: the roster CSV into the workspace, validated as a whole. The file and the
// photos are streamed, a row at a time, into one transaction that only a good roster commits.
#include "commands.h"

#include "crypto/count_noun.h"
#include "issuer/cli/desk_cli.h"
#include "issuer/cli/progress_bar.h"
#include "issuer/roster_import.h"

#include <iostream>
#include <nlohmann/json.hpp>

namespace accred {
namespace {

struct RosterOptions {
    DeskOptions desk;
    std::string csv;
    std::string photos;
};

void print_report(const RosterOptions& o, std::size_t people, const ImportReport& report,
                  const std::vector<Withdrawal>& still_withdrawn) {
    if (o.desk.json) {
        nlohmann::json out;
        out["added"] = report.added;
        out["changed"] = report.changed;
        out["unchanged"] = report.unchanged.size();
        out["withdrawn"] = nlohmann::json::array();
        for (const auto& w : still_withdrawn)
            out["withdrawn"].push_back(w.holder);
        std::cout << out.dump(2) << "\n";
        return;
    }
    std::cout << "Imported " << count_noun(people, "person", "people") << " from " << o.csv << ": "
              << report.added.size() << " added, " << report.changed.size() << " changed, "
              << report.unchanged.size() << " unchanged\n";
    for (const auto& c : report.changed)
        std::cout << "  changed " << c << "\n";
    if (!report.changed.empty())
        std::cout << "People whose badge is already issued need 'issuer reissue ID' for the "
                     "change to reach their badge.\n";
    for (const auto& w : still_withdrawn)
        std::cout << "  " << withdrawn_notice(w, "still withdrawn") << "\n";
}

int run_import(const RosterOptions& o) {
    auto session = open_session(o.desk, false);
    if (!session) return fail_error(session.error());
    ProgressBar bar("Importing", !o.desk.json);
    auto imported =
        import_roster_file(session->desk, {o.csv, o.photos, o.csv, ""}, session->now,
                           [&](std::size_t done, std::size_t total) { bar.update(done, total); });
    bar.finish();
    if (!imported) return fail_error(imported.error());
    if (!imported->problems.empty()) {
        // A roster that does not validate is refused (1), like a credential that does not
        // verify; 2 stays for a file that cannot be read.
        return fail_refused("the roster has errors; nothing was imported\n" + imported->problems);
    }
    print_report(o, imported->people, imported->report, imported->still_withdrawn);
    return kExitOk;
}

} // namespace

void add_roster_command(CLI::App& app, int& exit_code) {
    CLI::App* roster = app.add_subcommand("roster", "The event roster");
    roster->require_subcommand(1);
    auto o = std::make_shared<RosterOptions>();
    CLI::App* import = roster->add_subcommand(
        "import", "Import or update people from a roster CSV (docs/roster-format.md)");
    import->add_option("csv", o->csv, "Roster CSV file")->required();
    import->add_option("--photos", o->photos,
                       "Folder holding the photo files (default: photos/ beside the CSV)");
    add_desk_options(import, o->desk);
    import->callback([o, &exit_code] { exit_code = run_import(*o);
});
} // namespace accred

} // namespace accred
