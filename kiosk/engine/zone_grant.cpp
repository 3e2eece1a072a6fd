#include "zone_grant.h"

#include <algorithm>

namespace accred {

bool zone_granted(const KioskBundle& bundle, const Claims& c, const Zone& zone) {
    if (std::find(c.zones.begin(), c.zones.end(), zone.code) != c.zones.end()) return true;
    const Category* category = bundle.event.find_category_code(c.category);
    return category != nullptr && std::find(category->zones.begin(), category->zones.end(),
                                            zone.id) != category->zones.end();
}

} // namespace accred
