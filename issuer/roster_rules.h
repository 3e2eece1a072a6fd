// The rules one person of the roster must meet, and their wording: shared by the CSV import
// (roster_csv.h, which adds "SOURCE:LINE: ") and the walk-in desk (walk_in.h), so that the same
// mistake gets the same message whichever way the person came in.
#pragma once

#include "crypto/outcome.h"
#include "event/event_definition.h"
#include "issuer/person.h"

#include <cstddef>
#include <map>
#include <set>
#include <string>
#include <string_view>
#include <vector>

namespace accred {

// A roster photo is a portrait, not a poster: larger files are refused.
inline constexpr std::size_t kMaxPhotoFileBytes = 4u << 20;
// No field of a roster row may be longer (the photo's bytes apart).
inline constexpr std::size_t kMaxFieldBytes = 256;
inline constexpr std::string_view kFieldTooLong = "a field is longer than 256 bytes";
static_assert(kMaxFieldBytes == 256, "kFieldTooLong names the limit");

// The roster's id rule: 1-32 of A-Z a-z 0-9 . _ - (the credential's sub). Checked before an id
// from outside (a page's address) is looked up.
bool valid_person_id(std::string_view id);

// One person's fields as text, as a roster row carries them: days and zones ';'-separated,
// escort_of empty for none.
struct PersonFields {
    std::string id, name, delegation, category, days, zones, escort_of;
};

// A mistake in one field: which ("id", "name", "delegation", "category", "days", "zones",
// "escort_of", "photo") and why, in the roster import's words (no "SOURCE:LINE: " prefix).
struct FieldProblem {
    std::string field;
    std::string message;
};

// The fields over kMaxFieldBytes, each as a problem ("a field is longer than 256 bytes"): a row
// with one is not read further.
std::vector<FieldProblem> overlong_fields(const PersonFields& fields);

// The person the fields describe (no photo), adding each problem found to problems in the
// import's order. ids: the ids seen so far in this roster; the person's id is added when valid,
// and one already there is a problem ("duplicate id X").
Person read_person_fields(const PersonFields& fields, const EventDefinition& event,
                          std::set<std::string>& ids, std::vector<FieldProblem>& problems);

// The escort rules for one person naming principal (problems on "escort_of"): the principal must
// be known (on this roster or already at the desk: principal_known), must not be the person, and
// must not escort someone too. roster_escorts: everyone of this roster who names a principal, by
// id.
void check_escort(const std::string& id, const std::string& principal, bool principal_known,
                  const std::map<std::string, std::string>& roster_escorts,
                  std::vector<FieldProblem>& problems);

// A photo file's bytes checked against kMaxPhotoFileBytes and normalised (normalize_photo): the
// stored photo, or why not, naming the file as name ("photo NAME: not a PNG or JPEG image").
Outcome<std::string> roster_photo(const std::string& bytes, const std::string& name);

// "photo NAME: the file is too large (SIZE bytes; at most 4194304)": a file read from disk is
// refused at this size before it is read, so the import words it without the bytes at hand.
std::string photo_too_large(const std::string& name, std::size_t size);

// "X is already on the roster": adding someone new under an id that is taken.
std::string already_on_roster(const std::string& id);

} // namespace accred
