// The bundles issuer serve offers: `issuer bundle` keeps a copy of every export in DESK/exports/
// (cmd_bundle.cpp): bundle-<version>.acb for a whole bundle, bundle-<version>-on-<base>.acb for a
// delta. The highest version there is the one offered; each kiosk is handed the file that takes
// it furthest from the version it holds: a delta it can apply when there is one (a few MB for a
// thousand walk-ins), else a whole bundle.
#pragma once

#include <chrono>
#include <cstdint>
#include <memory>
#include <mutex>
#include <optional>
#include <string>
#include <vector>

namespace accred {

struct ShelvedBundle {
    std::uint64_t version = 0;
    std::optional<std::uint64_t> base; // a delta's base
    std::string path;
    std::uint64_t size = 0;
};

class BundleShelf {
  public:
    explicit BundleShelf(std::string desk_dir) : dir_(std::move(desk_dir) + "/exports") {}

    // The highest version exported, or 0 when none. Looks at the folder again at most once a
    // second. Thread-safe.
    std::uint64_t newest_version();
    // The file for a kiosk holding held: of the exports it can install (a whole bundle above
    // held, or a delta with base <= held < version), the highest version, a delta before a whole
    // bundle of the same version. nullopt when none. Thread-safe.
    std::optional<ShelvedBundle> best_for(std::uint64_t held);

  private:
    void rescan_if_due(); // the caller holds mutex_

    std::string dir_;
    std::mutex mutex_;
    std::chrono::steady_clock::time_point next_scan_{};
    std::vector<ShelvedBundle> catalogue_;
};

// The export that name ("bundle-7.acb", "bundle-9-on-7.acb") stands for, or nullopt.
std::optional<ShelvedBundle> shelved_bundle_of(const std::string& name);

} // namespace accred
