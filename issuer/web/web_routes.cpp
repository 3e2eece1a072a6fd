#include "web_routes.h"

namespace accred {

std::vector<WebRoute> all_web_routes() {
    std::vector<WebRoute> all;
    for (auto part : {login_routes, search_routes, person_routes, person_action_routes,
                      print_routes, register_routes, roster_routes, bundles_routes,
                      operations_routes, audit_routes, journal_routes}) {
        auto routes = part();
        all.insert(all.end(), routes.begin(), routes.end());
    }
    return all;
}

} // namespace accred
