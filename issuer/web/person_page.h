// The person's page (/person/ID) as the files that serve it share it: page_person.cpp (the page
// and the photo), page_person_actions.cpp (issue, reissue, revoke, withdraw, reinstate) and
// page_print.cpp (the badge PDF and the desk's printer). Internal to issuer/web.
#pragma once

#include "issuer/person.h"
#include "issuer/web/web_call.h"

#include <optional>
#include <span>
#include <string>

namespace accred {

// What the page says above its actions after a refused action, and the form to show again.
struct PersonNotice {
    std::string problem; // in the operator's language, or the library's own words
    std::string form;    // the action refused: "issue", "reissue", "revoke", ..., "print"
    std::string reason;  // the reason as typed, kept in its field
};

// The page's words in EN/FR/NL (person_texts.cpp).
std::span<const TextEntry> person_texts();
// One of person_texts() (or the shared words) in the operator's language.
std::string person_text(const WebCall& c, const std::string& key);

// The person the path names (c.path_part(1)). The id is checked against the roster's id rule
// before any lookup; nullopt once a 404 (unknown or malformed id) or a 500 has been answered.
std::optional<Person> person_from_path(WebCall& c);

// Renders the person's page with notice (empty: none) and status.
void show_person(WebCall& c, const Person& person, const PersonNotice& notice, int status);

// Who acted, for the accreditation journal: "NAME via issuer web" (as desk_actor for the CLI).
std::string web_actor(const WebCall& c);

// "/person/ID?done=WHAT" (what: a done_* text key without its prefix), for the 303 after a POST.
std::string person_done_url(const std::string& id, const std::string& what);

} // namespace accred
