// One person the guard's manual lookup found, as its result list shows them: what the bundle's
// claims and tables say, and the photo from the bundle store.
#pragma once

#include "kiosk/screen/shown_name.h"

#include <string>

namespace accred {

struct LookupHit {
    std::string holder;
    std::string name;
    std::string delegation;
    ShownName category;
    std::string category_colour; // "#RRGGBB", the badge's band
    std::string photo;           // the photo file (JPEG or PNG), empty when the bundle has none
};

} // namespace accred
