#include "walk_in.h"

namespace accred {

WalkInCheck check_walk_in(const WalkInForm& form, const EventDefinition& event,
                          const std::set<std::string>& known_ids) {
    const PersonFields fields{form.id,   form.name,  form.delegation, form.category,
                              form.days, form.zones, form.escort_of};
    WalkInCheck check;
    // As the import: a row with an over-long field is not read further.
    check.problems = overlong_fields(fields);
    if (!check.problems.empty()) return check;
    if (known_ids.contains(form.id)) check.problems.push_back({"id", already_on_roster(form.id)});
    std::set<std::string> ids; // the walk-in is a roster of one
    Person person = read_person_fields(fields, event, ids, check.problems);
    if (form.photo.empty()) {
        check.problems.push_back({"photo", "no photo given"});
    } else if (auto photo = roster_photo(form.photo, form.photo_name); !photo) {
        check.problems.push_back({"photo", photo.error().message});
    } else {
        person.photo = std::move(photo).value();
    }
    if (person.escort_of)
        check_escort(person.id, *person.escort_of,
                     ids.contains(*person.escort_of) || known_ids.contains(*person.escort_of),
                     {{person.id, *person.escort_of}}, check.problems);
    if (check.problems.empty()) check.person = std::move(person);
    return check;
}

} // namespace accred
