// Every page's routes, one function per page file (page_*.cpp); web_desk.cpp mounts them all.
#pragma once

#include "issuer/web/web_call.h"

#include <vector>

namespace accred {

std::vector<WebRoute> login_routes();    // page_login.cpp: /login, /logout, /lang, assets
std::vector<WebRoute> search_routes();   // page_search.cpp: /, /api/search
std::vector<WebRoute> register_routes(); // page_register.cpp: /register, /api/register/check
std::vector<WebRoute> roster_routes();   // page_roster.cpp: /roster, /roster/issue, /api/jobs/ID

// All of the above.
std::vector<WebRoute> all_web_routes();

} // namespace accred
