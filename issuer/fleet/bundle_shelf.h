// The bundles issuer serve offers: `issuer bundle` keeps a copy of every bundle it exports in
// DESK/exports/bundle-<version>.acb (cmd_bundle.cpp); the highest version there is the newest.
#pragma once

#include <chrono>
#include <cstdint>
#include <memory>
#include <mutex>
#include <string>
#include <vector>

namespace accred {

struct ShelvedBundle {
    std::uint64_t version = 0;
    std::string path;
    std::vector<std::uint8_t> file; // as signed; the kiosk checks it as it would a file on a stick
};

class BundleShelf {
  public:
    explicit BundleShelf(std::string desk_dir) : dir_(std::move(desk_dir) + "/exports") {}

    // The newest bundle exported, or nullptr when none. Looks at the folder again at most once a
    // second, and reads a file only when a higher version appears. Thread-safe.
    std::shared_ptr<const ShelvedBundle> newest();

  private:
    std::string dir_;
    std::mutex mutex_;
    std::chrono::steady_clock::time_point next_scan_{};
    std::shared_ptr<const ShelvedBundle> newest_;
};

} // namespace accred
