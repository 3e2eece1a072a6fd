// Every page's routes, one function per page file (page_*.cpp); web_desk.cpp mounts them all.
#pragma once

#include "issuer/web/web_call.h"

#include <vector>

namespace accred {

std::vector<WebRoute> login_routes();         // page_login.cpp: /login, /logout, /lang, assets
std::vector<WebRoute> search_routes();        // page_search.cpp: /, /api/search
std::vector<WebRoute> person_routes();        // page_person.cpp: /person/ID, /person/ID/photo
std::vector<WebRoute> person_action_routes(); // page_person_actions.cpp: POST /person/ID/...
std::vector<WebRoute> print_routes();         // page_print.cpp: /person/ID/badge.pdf, print
std::vector<WebRoute> register_routes();      // page_register.cpp: /register, its checks
std::vector<WebRoute> roster_routes();        // page_roster.cpp: /roster, issue all, jobs
std::vector<WebRoute> bundles_routes();       // page_bundles.cpp: /bundles
std::vector<WebRoute> operations_routes();    // page_operations.cpp: /operations, evacuation
std::vector<WebRoute> audit_routes();         // page_audit.cpp: /audit, /audit/report.html
std::vector<WebRoute> journal_routes();       // page_journal.cpp: /journal, /prints

// All of the above.
std::vector<WebRoute> all_web_routes();

} // namespace accred
