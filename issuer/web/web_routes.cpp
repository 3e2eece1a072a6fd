#include "web_routes.h"

namespace accred {

std::vector<WebRoute> all_web_routes() {
    std::vector<WebRoute> all;
    for (auto part : {login_routes, search_routes, register_routes, roster_routes}) {
        auto routes = part();
        all.insert(all.end(), routes.begin(), routes.end());
    }
    return all;
}

} // namespace accred
