// What a verified credential's codes stand for, for the screen: the delegation's and category's
// names, the category's colour, and whether the bundle's photo is the one signed into the badge.
#pragma once

#include "bundle/kiosk_bundle.h"
#include "crypto/claims.h"
#include "kiosk/app/photo_index.h"

#include <optional>
#include <string>

namespace accred {

struct HolderDescription {
    std::string delegation; // the name spelled out, or the one the delegation code stands for
    std::string category;
    std::string colour;
    std::optional<bool> photo_matches; // nullopt: no photo in the bundle for this holder
};

// Looks the claims' codes up in bundle and the holder's photo in photos (made from the same
// bundle). A code the bundle does not know leaves its name empty.
HolderDescription describe_holder(const KioskBundle& bundle, const PhotoIndex& photos,
                                  const Claims& claims);

} // namespace accred
