// issuer roster import: the roster CSV into the workspace, validated as a whole.
#include "commands.h"

#include "crypto/file_io.h"
#include "issuer/cli/desk_cli.h"
#include "issuer/roster_csv.h"

#include <filesystem>
#include <iostream>
#include <nlohmann/json.hpp>
#include <set>

namespace accred {
namespace {

constexpr std::size_t kMaxRosterBytes = 64u << 20;

struct RosterOptions {
    DeskOptions desk;
    std::string csv;
    std::string photos;
};

int run_import(const RosterOptions& o) {
    auto session = open_session(o.desk, false);
    if (!session) return fail_usage(session.error().message);
    Desk& desk = session->desk;
    const std::uint64_t now = session->now;
    auto text = read_small_file(o.csv, kMaxRosterBytes);
    if (!text) return fail_usage(text.error().message);
    RosterReadOptions read;
    read.source_name = o.csv;
    read.photos_dir = o.photos.empty()
                          ? (std::filesystem::path(o.csv).parent_path() / "photos").string()
                          : o.photos;
    if (read.photos_dir.empty()) read.photos_dir = ".";
    auto known = desk.person_ids();
    if (!known) return fail_usage(known.error().message);
    read.known_ids.insert(known->begin(), known->end());
    auto people = read_roster_csv(text.value(), desk.event(), read);
    if (!people) {
        std::cerr << "issuer: the roster has errors; nothing was imported\n"
                  << people.error().message << "\n";
        return kExitUsage;
    }
    auto report = desk.import_people(people.value(), now);
    if (!report) return fail_usage(report.error().message);
    // A roster says who is invited, not who is accredited: withdrawn people stay withdrawn.
    auto withdrawals = desk.withdrawals();
    if (!withdrawals) return fail_usage(withdrawals.error().message);
    std::vector<std::string> still_withdrawn;
    for (const auto& p : people.value())
        if (withdrawals->count(p.id)) still_withdrawn.push_back(p.id);
    if (o.desk.json) {
        nlohmann::json out;
        out["added"] = report->added;
        out["changed"] = report->changed;
        out["unchanged"] = report->unchanged.size();
        out["withdrawn"] = still_withdrawn;
        std::cout << out.dump(2) << "\n";
        return kExitOk;
    }
    std::cout << "Imported " << people->size() << " people from " << o.csv << ": "
              << report->added.size() << " added, " << report->changed.size() << " changed, "
              << report->unchanged.size() << " unchanged\n";
    for (const auto& c : report->changed) std::cout << "  changed " << c << "\n";
    if (!report->changed.empty())
        std::cout << "People whose badge is already issued need 'issuer reissue ID' for the "
                     "change to reach their badge.\n";
    for (const auto& id : still_withdrawn)
        std::cout << "  " << withdrawn_notice(withdrawals->at(id), "still withdrawn") << "\n";
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
    import->callback([o, &exit_code] { exit_code = run_import(*o); });
}

} // namespace accred
