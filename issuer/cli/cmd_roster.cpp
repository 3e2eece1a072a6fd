// issuer roster import: the roster CSV into the workspace, validated as a whole. The file and the
// photos are streamed, a row at a time, into one transaction that only a good roster commits.
#include "commands.h"

#include "issuer/cli/desk_cli.h"
#include "issuer/cli/progress_bar.h"
#include "issuer/roster_csv.h"

#include <filesystem>
#include <fstream>
#include <iostream>
#include <nlohmann/json.hpp>
#include <optional>
#include <set>

namespace accred {
namespace {

// The roster itself is read as it goes, but a file this large is not a roster (a video picked by
// mistake, say): refused before reading, as libcsv would otherwise buffer a field of any size.
constexpr std::uintmax_t kMaxRosterBytes = 64u << 20;

struct RosterOptions {
    DeskOptions desk;
    std::string csv;
    std::string photos;
};

// The roster file, open for reading: a regular file (a FIFO would wait for a writer) of at
// most kMaxRosterBytes.
Outcome<std::ifstream> open_roster(const std::string& path) {
    namespace fs = std::filesystem;
    std::error_code ec;
    const auto status = fs::status(path, ec);
    if (ec) return Error{"cannot open " + path + ": " + ec.message()};
    if (!fs::is_regular_file(status)) return Error{path + " is not a regular file"};
    const auto size = fs::file_size(path, ec);
    if (ec) return Error{"cannot inspect " + path + ": " + ec.message()};
    if (size > kMaxRosterBytes)
        return Error{path + " is too large (" + std::to_string(size) + " bytes; at most " +
                     std::to_string(kMaxRosterBytes) + " expected)"};
    std::ifstream in(path, std::ios::binary);
    if (!in) return Error{"cannot open " + path};
    return in;
}

void print_report(const RosterOptions& o, std::size_t people, const ImportReport& report,
                  const std::map<std::string, Withdrawal>& withdrawals,
                  const std::vector<std::string>& still_withdrawn) {
    if (o.desk.json) {
        nlohmann::json out;
        out["added"] = report.added;
        out["changed"] = report.changed;
        out["unchanged"] = report.unchanged.size();
        out["withdrawn"] = still_withdrawn;
        std::cout << out.dump(2) << "\n";
        return;
    }
    std::cout << "Imported " << people << " people from " << o.csv << ": "
              << report.added.size() << " added, " << report.changed.size() << " changed, "
              << report.unchanged.size() << " unchanged\n";
    for (const auto& c : report.changed) std::cout << "  changed " << c << "\n";
    if (!report.changed.empty())
        std::cout << "People whose badge is already issued need 'issuer reissue ID' for the "
                     "change to reach their badge.\n";
    for (const auto& id : still_withdrawn)
        std::cout << "  " << withdrawn_notice(withdrawals.at(id), "still withdrawn") << "\n";
}

int run_import(const RosterOptions& o) {
    auto session = open_session(o.desk, false);
    if (!session) return fail_usage(session.error().message);
    Desk& desk = session->desk;
    auto in = open_roster(o.csv);
    if (!in) return fail_usage(in.error().message);
    RosterReadOptions read;
    read.source_name = o.csv;
    read.photos_dir = o.photos.empty()
                          ? (std::filesystem::path(o.csv).parent_path() / "photos").string()
                          : o.photos;
    if (read.photos_dir.empty()) read.photos_dir = ".";
    read.photo_threads = 0; // one per processor: the photos are most of the work
    auto known = desk.person_ids();
    if (!known) return fail_usage(known.error().message);
    read.known_ids.insert(known->begin(), known->end());
    // A roster says who is invited, not who is accredited: withdrawn people stay withdrawn.
    auto withdrawals = desk.withdrawals();
    if (!withdrawals) return fail_usage(withdrawals.error().message);
    std::vector<std::string> still_withdrawn;
    std::optional<RosterRead> roster;
    ProgressBar bar("Importing", !o.desk.json);
    auto report = desk.import_people(
        [&](const PersonSink& write) -> Status {
            auto r = read_roster_csv(
                *in, desk.event(), read,
                [&](const Person& p) -> Status {
                    if (withdrawals->count(p.id)) still_withdrawn.push_back(p.id);
                    return write(p);
                },
                [&](std::size_t done, std::size_t total) { bar.update(done, total); });
            if (!r) return r.error();
            roster = std::move(r).value();
            if (!roster->problems.empty()) return Error{"the roster has errors"}; // roll back
            return success();
        },
        session->now);
    bar.finish();
    if (roster && !roster->problems.empty()) {
        std::cerr << "issuer: the roster has errors; nothing was imported\n"
                  << roster->problems << "\n";
        return kExitUsage;
    }
    if (!report) return fail_usage(report.error().message);
    print_report(o, roster->people, report.value(), withdrawals.value(), still_withdrawn);
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
