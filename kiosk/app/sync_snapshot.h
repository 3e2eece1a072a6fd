// What the engine has in force, published by the engine thread for the sync thread to report to
// the desk (and to know whether an offered bundle is newer, and stage it). Small and copied
// under a mutex.
#pragma once

#include "kiosk/app/kiosk_install.h"

#include <cstdint>

namespace accred {

struct SyncSnapshot {
    std::uint64_t bundle_version = 0;
    std::uint64_t revocations_version = 0;
    std::uint64_t revocations_issued_at = 0; // UTC seconds
    // What the sync thread needs to stage a bundle the desk hands down (stage_update), so that
    // the engine thread only swaps it in.
    InstallBasis basis;

    bool operator==(const SyncSnapshot&) const = default;
};

} // namespace accred
