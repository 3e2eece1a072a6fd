#include "holder_description.h"

#include <algorithm>

namespace accred {
namespace {

// Whether the store's photo for claims' holder has the digest signed into the credential (the
// first 12 bytes of its SHA-256), and the photo when it has. The photo file itself is hashed,
// not the digest the store lists beside it: a store altered on a stolen kiosk's disk must not
// show a stranger's face under a genuine badge. One query, on the scan's path to the verdict.
void look_up_photo(BundleStore& store, const Claims& c, HolderDescription& d) {
    auto photo = store.photo(c.sub);
    if (!photo || !photo->has_value()) return;
    d.photo_matches = photo_digest(**photo) == c.photo;
    if (*d.photo_matches) d.photo = std::move(**photo);
}

} // namespace

HolderDescription describe_holder(const KioskBundle& bundle, BundleStore* store, const Claims& c) {
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
    if (store) look_up_photo(*store, c, d);
    return d;
}

} // namespace accred
