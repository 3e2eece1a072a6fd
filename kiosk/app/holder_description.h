// What a verified credential's codes stand for, for the screen: the delegation's and category's
// names, the category's colour, and the holder's photo from the bundle store when it is the one
// signed into the badge.
#pragma once

#include "bundle/bundle_store.h"
#include "bundle/kiosk_bundle.h"
#include "crypto/claims.h"

#include <optional>
#include <string>

namespace accred {

struct HolderDescription {
    std::string delegation; // the name spelled out, or the one the delegation code stands for
    std::string category;
    std::string colour;
    std::optional<bool> photo_matches; // nullopt: no photo in the bundle for this holder
    std::string photo;                 // the photo file, only when photo_matches is true
};

// Looks the claims' codes up in bundle, and the holder's photo in store (one lookup by holder
// id; nullptr or a store that cannot be read: no photo). A code the bundle does not know
// leaves its name empty.
HolderDescription describe_holder(const KioskBundle& bundle, BundleStore* store,
                                  const Claims& claims);

} // namespace accred
