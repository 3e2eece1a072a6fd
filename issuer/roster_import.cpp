#include "roster_import.h"

#include <filesystem>
#include <fstream>
#include <optional>

namespace accred {
namespace {

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

RosterReadOptions read_options(const RosterImportOptions& o) {
    RosterReadOptions read;
    read.source_name = o.source_name.empty() ? o.csv_path : o.source_name;
    read.photos_dir = o.photos_dir.empty()
                          ? (std::filesystem::path(o.csv_path).parent_path() / "photos").string()
                          : o.photos_dir;
    if (read.photos_dir.empty()) read.photos_dir = ".";
    read.photos_shown_as = o.photos_shown_as;
    read.photo_threads = 0; // one per processor: the photos are most of the work
    return read;
}

} // namespace

Outcome<RosterImport> import_roster_file(Desk& desk, const RosterImportOptions& options,
                                         std::uint64_t now, const RosterProgress& progress) {
    auto in = open_roster(options.csv_path);
    if (!in) return in.error();
    RosterReadOptions read = read_options(options);
    auto known = desk.person_ids();
    if (!known) return known.error();
    read.known_ids.insert(known->begin(), known->end());
    auto withdrawals = desk.withdrawals();
    if (!withdrawals) return withdrawals.error();
    RosterImport result;
    std::optional<RosterRead> roster;
    auto report = desk.import_people(
        [&](const PersonSink& write) -> Status {
            auto r = read_roster_csv(
                *in, desk.event(), read,
                [&](const Person& p) -> Status {
                    if (auto w = withdrawals->find(p.id); w != withdrawals->end())
                        result.still_withdrawn.push_back(w->second);
                    return write(p);
                },
                progress);
            if (!r) return r.error();
            roster = std::move(r).value();
            if (!roster->problems.empty()) return Error{"the roster has errors"}; // roll back
            return success();
        },
        now);
    if (roster && !roster->problems.empty()) {
        result.people = roster->people;
        result.problems = roster->problems;
        result.still_withdrawn.clear();
        return result;
    }
    if (!report) return report.error();
    result.people = roster->people;
    result.report = std::move(report).value();
    return result;
}

} // namespace accred
