// Every page's routes, one function per page file (page_*.cpp); web_desk.cpp mounts them all.
#pragma once

#include "issuer/web/web_call.h"

#include <vector>

namespace accred {

std::vector<WebRoute> login_routes();         // page_login.cpp: /login, /logout, /lang, assets
std::vector<WebRoute> search_routes();        // page_search.cpp: /, /api/search
std::vector<WebRoute> person_routes();        // page_person.cpp: /person/ID, /person/ID/photo
std::vector<WebRoute> person_action_routes(); // page_person_actions.cpp: POST /person/ID/...
std::vector<WebRoute> print_routes(); // page_print.cpp: /person/ID/badge.pdf, POST .../print

// All of the above.
std::vector<WebRoute> all_web_routes();

} // namespace accred
