#include "bundle_shelf.h"

#include "bundle/bundle_file.h"
#include "crypto/file_io.h"

#include <charconv>
#include <filesystem>

namespace accred {
namespace {

// The version in "bundle-<version>.acb", or 0 for any other name.
std::uint64_t version_of(const std::string& name) {
    constexpr std::string_view kPrefix = "bundle-";
    constexpr std::string_view kSuffix = ".acb";
    if (name.size() <= kPrefix.size() + kSuffix.size() || !name.starts_with(kPrefix) ||
        !name.ends_with(kSuffix))
        return 0;
    const char* first = name.data() + kPrefix.size();
    const char* last = name.data() + name.size() - kSuffix.size();
    std::uint64_t version = 0;
    const auto [end, ec] = std::from_chars(first, last, version);
    return ec == std::errc{} && end == last ? version : 0;
}

} // namespace

std::shared_ptr<const ShelvedBundle> BundleShelf::newest() {
    std::lock_guard lock(mutex_);
    const auto now = std::chrono::steady_clock::now();
    if (now < next_scan_) return newest_;
    next_scan_ = now + std::chrono::seconds(1);
    std::error_code ec;
    std::uint64_t best = 0;
    std::string best_path;
    for (auto it = std::filesystem::directory_iterator(dir_, ec);
         !ec && it != std::filesystem::directory_iterator(); it.increment(ec)) {
        if (!it->is_regular_file(ec)) continue;
        const std::uint64_t v = version_of(it->path().filename().string());
        if (v > best) {
            best = v;
            best_path = it->path().string();
        }
    }
    if (best == 0 || (newest_ && best <= newest_->version)) return newest_;
    auto bytes = read_small_file(best_path, kMaxBundleBytes);
    if (!bytes) return newest_; // kept as it was; tried again at the next scan
    auto shelved = std::make_shared<ShelvedBundle>();
    shelved->version = best;
    shelved->path = best_path;
    shelved->file.assign(bytes->begin(), bytes->end());
    newest_ = std::move(shelved);
    return newest_;
}

} // namespace accred
