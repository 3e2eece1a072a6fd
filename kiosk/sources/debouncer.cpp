#include "debouncer.h"

#include <algorithm>

namespace accred {

Debouncer::Debouncer(std::chrono::microseconds window, std::size_t max_codes)
    : window_us_(std::max<std::int64_t>(window.count(), 0)),
      max_codes_(std::max<std::size_t>(max_codes, 1)) {}

bool Debouncer::accept(const std::string& content, std::int64_t now_us) {
    forget_older_than(now_us - window_us_);
    const auto it = last_seen_.find(content);
    if (it != last_seen_.end()) {
        // A clock that stepped back (a looped file) must not make the gap negative and huge.
        const bool fresh = now_us - it->second > window_us_ || now_us < it->second;
        it->second = now_us;
        return fresh;
    }
    if (last_seen_.size() >= max_codes_) {
        auto oldest = last_seen_.begin();
        for (auto i = last_seen_.begin(); i != last_seen_.end(); ++i)
            if (i->second < oldest->second) oldest = i;
        last_seen_.erase(oldest);
    }
    last_seen_.emplace(content, now_us);
    return true;
}

void Debouncer::forget_older_than(std::int64_t cutoff_us) {
    if (last_seen_.empty()) return;
    std::erase_if(last_seen_, [cutoff_us](const auto& entry) { return entry.second < cutoff_us; });
}

} // namespace accred
