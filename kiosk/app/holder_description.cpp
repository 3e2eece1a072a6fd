#include "holder_description.h"

namespace accred {

HolderDescription describe_holder(const KioskBundle& bundle, const PhotoIndex& photos,
                                  const Claims& c) {
    HolderDescription d;
    if (c.org) {
        if (!c.org->code)
            d.delegation = c.org->name;
        else if (auto it = bundle.delegations.find(*c.org->code); it != bundle.delegations.end())
            d.delegation = it->second;
    }
    if (const Category* cat = bundle.event.find_category_code(c.category)) {
        d.category = cat->name;
        d.colour = cat->colour;
    }
    d.photo_matches = photos.matches(c.sub, c.photo);
    return d;
}

} // namespace accred
