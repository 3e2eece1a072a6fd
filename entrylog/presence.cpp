#include "presence.h"


#include <algorithm>

namespace accred {
namespace {

// True when zone is candidate or lies inside it.
bool within(const EventDefinition& event, const std::string& zone, const std::string& candidate) {
    const Zone* z = event.find_zone(zone);
    for (int hops = 0; z != nullptr && hops < 256; ++hops) { // the parser refuses cycles
        if (z->id == candidate) return true;
        z = z->parent ? event.find_zone(*z->parent) : nullptr;
    }
    return false;
}

} // namespace

void Presence::record_entry(const std::string& holder, const std::string& zone, std::int64_t time) {
    by_zone_[zone][holder] = time;
    known_zones_.insert(zone);
    std::int64_t& changed = changed_[holder][zone];
    changed = std::max(changed, time);
}

void Presence::record_exit(const EventDefinition& event, const std::string& holder,
                           const std::string& zone, std::int64_t time) {
    for (auto& [z, holders] : by_zone_)
        if (within(event, z, zone)) holders.erase(holder);
    known_zones_.insert(zone);
    auto& changes = changed_[holder];
    for (const Zone& z : event.zones)
        if (within(event, z.id, zone)) changes[z.id] = std::max(changes[z.id], time);
    changes[zone] = std::max(changes[zone], time);
}

void Presence::apply(const EventDefinition& event, const EntryRecord& row) {
    if (!row.holder) return;
    if (row.direction == Direction::exit) {
        if (row.admitted && !is_supervisor_action(row))
            record_exit(event, *row.holder, row.zone, row.time);
        return;
    }
    if (row_admits(row)) record_entry(*row.holder, row.zone, row.time);
}

bool Presence::apply_peer(const EventDefinition& event, const EntryRecord& row) {
    if (!row.holder) return false;
    // Equal times keep the arrival order: the desk's order is the best guess left.
    if (const auto known = last_change(*row.holder, row.zone); known && *known > row.time)
        return false;
    apply(event, row);
    return true;
}

std::optional<std::int64_t> Presence::last_change(const std::string& holder,
                                                  const std::string& zone) const {
    const auto h = changed_.find(holder);
    if (h == changed_.end()) return std::nullopt;
    const auto z = h->second.find(zone);
    if (z == h->second.end()) return std::nullopt;
    return z->second;
}

std::optional<std::int64_t> Presence::inside_since(const std::string& holder,
                                                   const std::string& zone,
                                                   std::int64_t since) const {
    const auto z = by_zone_.find(zone);
    if (z == by_zone_.end()) return std::nullopt;
    const auto h = z->second.find(holder);
    if (h == z->second.end() || h->second < since) return std::nullopt;
    return h->second;
}

std::size_t Presence::occupancy(const std::string& zone, std::int64_t since) const {
    const auto z = by_zone_.find(zone);
    if (z == by_zone_.end()) return 0;
    return static_cast<std::size_t>(
        std::count_if(z->second.begin(), z->second.end(),
                      [since](const auto& entry) { return entry.second >= since; }));
}

std::map<std::string, std::int64_t> Presence::inside(const std::string& zone,
                                                     std::int64_t since) const {
    std::map<std::string, std::int64_t> out;
    if (const auto z = by_zone_.find(zone); z != by_zone_.end())
        for (const auto& [holder, time] : z->second)
            if (time >= since) out.emplace(holder, time);
    return out;
}

} // namespace accred
