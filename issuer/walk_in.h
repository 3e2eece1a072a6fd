// Walk-in registration: one new person typed in at the desk (the web desk's form), checked by
// exactly the roster import's rules and worded as it words them (roster_rules.h), each problem
// tied to the form field it is about.
#pragma once

#include "event/event_definition.h"
#include "issuer/person.h"
#include "issuer/roster_rules.h"

#include <optional>
#include <set>
#include <string>
#include <vector>

namespace accred {

// The form as typed: every field as the roster CSV's column would hold it.
struct WalkInForm {
    std::string id, name, delegation, category;
    std::string days;  // "2014-03-31;2014-04-01", as in the CSV
    std::string zones; // "a;b"
    std::string escort_of;
    std::string photo;      // the uploaded file's bytes, JPEG or PNG
    std::string photo_name; // the uploaded file's name, only to name it in messages as the
                            // import names the photo column's file ("photo NAME: ...")
};

struct WalkInCheck {
    // The person, photo normalised as the import does; set only when problems is empty.
    std::optional<Person> person;
    std::vector<FieldProblem> problems;
};

// Checks a walk-in against the event. known_ids: the people already at the desk (escort_of may
// name them; the walk-in's own id must not be one: "X is already on the roster"). Problems come
// in the order the import reports them for a one-row roster (fields, photo, escort); an empty
// photo is "no photo given". Normalises the photo, so it takes some milliseconds.
WalkInCheck check_walk_in(const WalkInForm& form, const EventDefinition& event,
                          const std::set<std::string>& known_ids);

} // namespace accred
