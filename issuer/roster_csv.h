// Reading the roster a registration system or spreadsheet exports (docs/roster-format.md).
#pragma once

#include "crypto/outcome.h"
#include "event/event_definition.h"
#include "issuer/person.h"
#include "issuer/roster_rules.h"

#include <cstddef>
#include <functional>
#include <iosfwd>
#include <set>
#include <string>
#include <string_view>
#include <vector>

namespace accred {

// The header the roster must start with, in this order.
inline constexpr std::string_view kRosterHeader =
    "id,name,delegation,category,days,zones,photo,escort_of";

struct RosterReadOptions {
    std::string source_name;   // for messages: "roster.csv"
    std::string photos_dir;    // where the photo column's file names are looked up
    // How messages name photos_dir ("": as it is): the web desk's upload folder is a temporary
    // path the operator never saw, shown as "photos" as if imported beside the roster.
    std::string photos_shown_as;
    std::set<std::string> known_ids; // people already at the desk (escort_of may name them)
    // Threads reading and normalising the photos while the rows are read: 0 for one per
    // processor; 1 for none (each photo in turn, on the caller's thread).
    unsigned photo_threads = 1;
};

// Told (rows read, rows in the file) as the roster is read, for a progress bar.
using RosterProgress = std::function<void(std::size_t done, std::size_t total)>;

struct RosterRead {
    std::size_t people = 0; // rows read as people
    // Every problem found, one per line as "SOURCE:LINE: reason" (up to 50), or why the file
    // is not a roster at all; empty when the roster is good.
    std::string problems;
};

// Reads and validates the roster in `in`, a row at a time: neither the file nor the photos are
// held in memory. `in` is read twice (first only as CSV, which also counts the rows), so it must
// seek. Each person goes to `sink` in file order, their photo normalised, as long as no problem
// has been found before them; after one, the rest is only checked, and since a problem may also
// come to light at the end (escorts are checked once every id is known), a caller must keep
// nothing sink received unless problems comes back empty: Desk::import_people's transaction is
// rolled back. An Error means the sink failed or the file could not be read.
Outcome<RosterRead> read_roster_csv(std::istream& in, const EventDefinition& event,
                                    const RosterReadOptions& options, const PersonSink& sink,
                                    const RosterProgress& progress = {});

// The whole roster at once, for small rosters and tests: every problem as one Error ("SOURCE:
// LINE: reason" lines), else the people.
Outcome<std::vector<Person>> read_roster_csv(std::string_view text, const EventDefinition& event,
                                             const RosterReadOptions& options);

} // namespace accred
