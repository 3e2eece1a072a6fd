#include "connection_limits.h"

namespace accred::tls_internal {

ConnectionLimits::Admission ConnectionLimits::accept(Id id) {
    Admission a;
    const auto full = [&] {
        return pending_.size() >= caps_.max_unauthenticated || total() >= caps_.max_connections;
    };
    while (full() && !pending_.empty()) {
        a.evict.push_back(*pending_.begin());
        pending_.erase(pending_.begin());
    }
    if (full()) return a; // all held connections are kiosks': the newcomer waits its turn
    pending_.insert(id);
    a.accepted = true;
    return a;
}

std::vector<ConnectionLimits::Id> ConnectionLimits::authenticated(Id id,
                                                                  const std::string& kiosk_id) {
    std::vector<Id> evict;
    if (pending_.erase(id) == 0) return evict; // already evicted or closed
    std::set<Id>& mine = by_kiosk_[kiosk_id];
    mine.insert(id);
    kiosk_of_[id] = kiosk_id;
    while (mine.size() > caps_.max_per_kiosk) {
        const Id oldest = *mine.begin();
        evict.push_back(oldest);
        mine.erase(mine.begin());
        kiosk_of_.erase(oldest);
    }
    return evict;
}

void ConnectionLimits::closed(Id id) {
    if (pending_.erase(id) != 0) return;
    const auto it = kiosk_of_.find(id);
    if (it == kiosk_of_.end()) return;
    const auto kiosk = by_kiosk_.find(it->second);
    if (kiosk != by_kiosk_.end()) {
        kiosk->second.erase(id);
        if (kiosk->second.empty()) by_kiosk_.erase(kiosk);
    }
    kiosk_of_.erase(it);
}

} // namespace accred::tls_internal
