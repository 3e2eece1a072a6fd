// Importing a roster file with its photos into the desk, as one whole: what `issuer roster
// import` does and what the web desk's roster upload does, in one place.
#pragma once

#include "crypto/outcome.h"
#include "issuer/desk.h"
#include "issuer/roster_csv.h"

#include <cstdint>
#include <string>
#include <vector>

namespace accred {

// The roster file is read as it goes, but a file this large is not a roster (a video picked by
// mistake, say): refused before reading, as libcsv would otherwise buffer a field of any size.
inline constexpr std::uintmax_t kMaxRosterBytes = 64u << 20;

struct RosterImportOptions {
    std::string csv_path;
    std::string photos_dir;      // "": photos/ beside the CSV
    std::string source_name;     // how messages name the file ("roster.csv:3: ..."); "": csv_path
    std::string photos_shown_as; // how messages name photos_dir (RosterReadOptions)
};

struct RosterImport {
    std::size_t people = 0; // rows read as people
    // Every problem, one per line as "SOURCE:LINE: reason", as read_roster_csv words them; when
    // not empty nothing was imported.
    std::string problems;
    ImportReport report;
    // People on this roster whose accreditation stays withdrawn (a roster says who is invited,
    // not who is accredited): withdrawn_notice(w, "still withdrawn").
    std::vector<Withdrawal> still_withdrawn;
};

// Reads and checks the roster at options.csv_path (a regular file of at most kMaxRosterBytes)
// and its photos, and imports it in one transaction that only a roster without problems
// commits. progress(rows read, rows) as it goes. An Error: the file cannot be opened or read,
// or desk.db failed; then nothing was imported either.
Outcome<RosterImport> import_roster_file(Desk& desk, const RosterImportOptions& options,
                                         std::uint64_t now, const RosterProgress& progress = {});

} // namespace accred
