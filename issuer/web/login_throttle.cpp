#include "login_throttle.h"

#include <algorithm>

namespace accred {

std::int64_t LoginThrottle::wait_for(const Failures& f, std::int64_t now) const {
    if (f.count < kFreeFailures || now - f.first > kWindowSeconds) return 0;
    const int doublings = std::min(f.count - kFreeFailures, 10);
    const std::int64_t lock = std::min(kFirstLockSeconds << doublings, kMaxLockSeconds);
    return std::max<std::int64_t>(0, f.last + lock - now);
}

std::int64_t LoginThrottle::wait_seconds(const std::string& name, const std::string& remote,
                                         std::int64_t now) {
    std::lock_guard lock(mutex_);
    forget_old(now);
    std::int64_t wait = 0;
    if (auto it = by_name_.find(name); it != by_name_.end()) wait = wait_for(it->second, now);
    if (auto it = by_remote_.find(remote); it != by_remote_.end())
        wait = std::max(wait, wait_for(it->second, now));
    return wait;
}

void LoginThrottle::count(std::map<std::string, Failures>& table, const std::string& key,
                          std::int64_t now) {
    Failures& f = table[key];
    if (f.count == 0 || now - f.first > kWindowSeconds) f = Failures{0, now, now};
    ++f.count;
    f.last = now;
}

void LoginThrottle::failed(const std::string& name, const std::string& remote, std::int64_t now) {
    std::lock_guard lock(mutex_);
    count(by_name_, name, now);
    count(by_remote_, remote, now);
}

void LoginThrottle::succeeded(const std::string& name, const std::string& remote) {
    std::lock_guard lock(mutex_);
    by_name_.erase(name);
    by_remote_.erase(remote);
}

// Bounded memory whatever names an attacker sends: entries past the window go.
void LoginThrottle::forget_old(std::int64_t now) {
    for (auto* table : {&by_name_, &by_remote_})
        std::erase_if(*table, [&](const auto& kv) {
            return now - kv.second.last > kWindowSeconds + kMaxLockSeconds;
        });
}

} // namespace accred
