// Reading the roster a registration system or spreadsheet exports (docs/roster-format.md).
#pragma once

#include "crypto/outcome.h"
#include "event/event_definition.h"
#include "issuer/person.h"

#include <set>
#include <string>
#include <string_view>
#include <vector>

namespace accred {

// The header the roster must start with, in this order.
inline constexpr std::string_view kRosterHeader =
    "id,name,delegation,category,days,zones,photo,escort_of";
// A roster photo is a portrait, not a poster: larger files are refused.
inline constexpr std::size_t kMaxPhotoFileBytes = 4u << 20;

struct RosterReadOptions {
    std::string source_name;   // for messages: "roster.csv"
    std::string photos_dir;    // where the photo column's file names are looked up
    std::set<std::string> known_ids; // people already at the desk (escort_of may name them)
};

// Parses and validates the whole roster. Every problem found is reported, each as
// "SOURCE:LINE: reason" (up to 50), and then nothing is returned: a bad file imports nothing.
Outcome<std::vector<Person>> read_roster_csv(std::string_view text, const EventDefinition& event,
                                             const RosterReadOptions& options);

} // namespace accred
