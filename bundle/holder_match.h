// One person found by a manual lookup at the gate (bundle_store.h, BundleStore::search).
#pragma once

#include <string>

namespace accred {

struct HolderMatch {
    std::string holder; // holder id
    std::string name;   // as the badge's claims spell it
    bool operator==(const HolderMatch&) const = default;
};

} // namespace accred
