#include "bundle_shelf.h"

#include <charconv>
#include <filesystem>

namespace accred {
namespace {

std::optional<std::uint64_t> number(std::string_view text) {
    std::uint64_t v = 0;
    const auto [end, ec] = std::from_chars(text.data(), text.data() + text.size(), v);
    if (ec != std::errc{} || end != text.data() + text.size() || v == 0) return std::nullopt;
    return v;
}

} // namespace

std::optional<ShelvedBundle> shelved_bundle_of(const std::string& name) {
    constexpr std::string_view kPrefix = "bundle-";
    constexpr std::string_view kSuffix = ".acb";
    constexpr std::string_view kOn = "-on-";
    if (name.size() <= kPrefix.size() + kSuffix.size() || !name.starts_with(kPrefix) ||
        !name.ends_with(kSuffix))
        return std::nullopt;
    std::string_view middle(name);
    middle = middle.substr(kPrefix.size(), middle.size() - kPrefix.size() - kSuffix.size());
    ShelvedBundle shelved;
    const auto on = middle.find(kOn);
    auto version = number(middle.substr(0, on));
    if (!version) return std::nullopt;
    shelved.version = *version;
    if (on != std::string_view::npos) {
        shelved.base = number(middle.substr(on + kOn.size()));
        if (!shelved.base || *shelved.base >= shelved.version) return std::nullopt;
    }
    return shelved;
}

void BundleShelf::rescan_if_due() {
    const auto now = std::chrono::steady_clock::now();
    if (now < next_scan_) return;
    next_scan_ = now + std::chrono::seconds(1);
    std::vector<ShelvedBundle> found;
    std::error_code ec;
    for (auto it = std::filesystem::directory_iterator(dir_, ec);
         !ec && it != std::filesystem::directory_iterator(); it.increment(ec)) {
        if (!it->is_regular_file(ec)) continue;
        auto shelved = shelved_bundle_of(it->path().filename().string());
        if (!shelved) continue;
        shelved->path = it->path().string();
        shelved->size = it->file_size(ec);
        found.push_back(std::move(*shelved));
    }
    catalogue_ = std::move(found);
}

std::uint64_t BundleShelf::newest_version() {
    std::lock_guard lock(mutex_);
    rescan_if_due();
    std::uint64_t newest = 0;
    for (const auto& b : catalogue_)
        newest = std::max(newest, b.version);
    return newest;
}

std::optional<ShelvedBundle> BundleShelf::best_for(std::uint64_t held) {
    std::lock_guard lock(mutex_);
    rescan_if_due();
    const ShelvedBundle* best = nullptr;
    for (const auto& b : catalogue_) {
        const bool usable = b.version > held && (!b.base || *b.base <= held);
        if (!usable) continue;
        const bool better = !best || b.version > best->version ||
                            (b.version == best->version && b.size < best->size);
        if (better) best = &b;
    }
    if (!best) return std::nullopt;
    return *best;
}

} // namespace accred
