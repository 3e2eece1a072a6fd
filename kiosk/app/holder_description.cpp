#include "holder_description.h"

#include <algorithm>

namespace accred {
namespace {

// Whether the store's photo for claims' holder has the digest signed into the credential (the
// first 12 bytes of its SHA-256), and the photo when it has.
void look_up_photo(BundleStore& store, const Claims& c, HolderDescription& d) {
    auto sha = store.photo_sha256(c.sub);
    if (!sha || !sha->has_value()) return;
    d.photo_matches = std::equal(c.photo.begin(), c.photo.end(), (*sha)->begin());
    if (!*d.photo_matches) return;
    auto photo = store.photo(c.sub);
    if (photo && photo->has_value() && photo_digest(**photo) == c.photo)
        d.photo = std::move(**photo);
    else
        d.photo_matches = false; // the file changed under the digest: show nothing
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
