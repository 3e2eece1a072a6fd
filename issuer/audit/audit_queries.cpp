#include "audit_queries.h"

#include "entrylog/presence.h"
#include "event/event_window.h"

#include <algorithm>
#include <map>

namespace accred {
namespace {

Status known_zone(const AuditStore& store, const std::string& zone) {
    if (store.event().find_zone(zone) != nullptr) return success();
    std::string all;
    for (const Zone& z : store.event().zones)
        all += (all.empty() ? "" : ", ") + z.id;
    return Error{"no zone '" + zone + "' in event " + store.event().id + " (zones: " + all + ")"};
}

// "?2, ?3, ..." for n parameters starting at first.
std::string placeholders(std::size_t n, int first) {
    std::string out;
    for (std::size_t i = 0; i < n; ++i)
        out += (i ? ", ?" : "?") + std::to_string(first + static_cast<int>(i));
    return out;
}

Outcome<std::vector<EntryRecord>> collect(Statement& q) {
    std::vector<EntryRecord> out;
    for (auto row = q.step();; row = q.step()) {
        if (!row) return row.error();
        if (!row.value()) break;
        auto read = row_from_store(q);
        if (!read) return read.error();
        out.push_back(std::move(read).value());
    }
    return out;
}

// zone's enclosing zones, innermost first (not zone itself).
std::vector<std::string> outer_zones(const EventDefinition& event, const std::string& zone) {
    std::vector<std::string> out;
    const Zone* z = event.find_zone(zone);
    for (int hops = 0; z != nullptr && z->parent && hops < 256; ++hops) {
        out.push_back(*z->parent);
        z = event.find_zone(*z->parent);
    }
    return out;
}

} // namespace

std::vector<std::string> zone_and_inner(const EventDefinition& event, const std::string& zone) {
    std::vector<std::string> out{zone};
    for (std::size_t i = 0; i < out.size() && out.size() < 1024; ++i)
        for (const Zone& z : event.zones)
            if (z.parent == out[i] && std::find(out.begin(), out.end(), z.id) == out.end())
                out.push_back(z.id);
    return out;
}

Outcome<std::vector<EntryRecord>> holder_trail(AuditStore& store, const std::string& holder) {
    auto q = store.db().prepare(store_entry_select() +
                                " WHERE holder = ?1 ORDER BY time, kiosk_id, seq");
    if (!q) return q.error();
    q->bind(1, holder);
    return collect(q.value());
}

Outcome<std::vector<EntryRecord>> recent_refusals(AuditStore& store, std::int64_t from,
                                                  std::size_t limit) {
    // entries_by_time walked backwards: the newest rows first, stopping at limit.
    auto q = store.db().prepare(store_entry_select() +
                                " WHERE time >= ?1 AND verdict <> 'granted' "
                                "ORDER BY time DESC, kiosk_id DESC, seq DESC LIMIT ?2");
    if (!q) return q.error();
    q->bind(1, from).bind(2, static_cast<std::int64_t>(limit));
    return collect(q.value());
}

Outcome<std::vector<EntryRecord>> zone_movements(AuditStore& store, const std::string& zone,
                                                 std::int64_t from, std::int64_t to) {
    if (auto s = known_zone(store, zone); !s) return s.error();
    const auto zones = zone_and_inner(store.event(), zone);
    auto q = store.db().prepare(store_entry_select() + " WHERE zone IN (" +
                                placeholders(zones.size(), 3) +
                                ") AND time >= ?1 AND time < ?2 AND admitted = 1 "
                                // a supervisor's unlock is not a movement through the zone
                                "AND reason NOT IN ('pin_rejected', 'supervisor_unlock') "
                                "ORDER BY time, kiosk_id, seq");
    if (!q) return q.error();
    q->bind(1, from).bind(2, to);
    for (std::size_t i = 0; i < zones.size(); ++i)
        q->bind(static_cast<int>(i) + 3, zones[i]);
    return collect(q.value());
}

Outcome<std::vector<Occupant>> zone_occupancy(AuditStore& store, const std::string& zone,
                                              std::int64_t at) {
    if (auto s = known_zone(store, zone); !s) return s.error();
    const EventDefinition& event = store.event();
    const auto inner = zone_and_inner(event, zone);
    // Only these rows can change who is inside zone: entries and exits of zone and the zones
    // inside it, and exits from the zones around it (leaving the building leaves the room).
    std::vector<std::string> relevant = inner;
    for (const auto& z : outer_zones(event, zone))
        relevant.push_back(z);
    auto q = store.db().prepare(store_entry_select() + " WHERE zone IN (" +
                                placeholders(relevant.size(), 2) +
                                ") AND time <= ?1 AND admitted = 1 AND holder IS NOT NULL "
                                "ORDER BY time, kiosk_id, seq");
    if (!q) return q.error();
    q->bind(1, at);
    for (std::size_t i = 0; i < relevant.size(); ++i)
        q->bind(static_cast<int>(i) + 2, relevant[i]);
    // Rows the desk refused to act on (a kiosk in the wrong hands: docs/fleet.md) are evidence,
    // not presence: the evacuation list leaves them out, as the gates did.
    auto refused = store.refused_rows();
    if (!refused) return refused.error();
    Presence presence;
    std::map<std::pair<std::string, std::string>, std::string> last_gate; // (holder, zone)
    for (auto row = q->step();; row = q->step()) {
        if (!row) return row.error();
        if (!row.value()) break;
        auto read = row_from_store(q.value());
        if (!read) return read.error();
        const EntryRecord& r = read.value();
        if (refused->contains({r.kiosk_id, r.seq})) continue;
        const bool outer = std::find(inner.begin(), inner.end(), r.zone) == inner.end();
        if (outer && r.direction == Direction::entry) continue; // entering the building only
        presence.apply(event, r);
        if (r.direction == Direction::entry) last_gate[{*r.holder, r.zone}] = r.gate;
    }
    std::map<std::string, Occupant> by_holder;
    // Presence ends at the event's daily reset, as at the kiosks: who entered before the last
    // one is not on the list (they left by a door without a kiosk, or went home).
    const std::int64_t reset = presence_reset_before(event, at);
    for (const auto& z : inner) // outermost first: `since` is the entry into zone itself
        for (const auto& [holder, since] : presence.inside(z, reset)) {
            auto [it, fresh] = by_holder.try_emplace(holder, Occupant{holder, since, z, ""});
            it->second.zone = z;
            it->second.gate = last_gate[{holder, z}];
            if (!fresh) it->second.since = std::min(it->second.since, since);
        }
    std::vector<Occupant> out;
    for (auto& [holder, o] : by_holder)
        out.push_back(std::move(o));
    std::sort(out.begin(), out.end(), [](const Occupant& a, const Occupant& b) {
        return a.since != b.since ? a.since < b.since : a.holder < b.holder;
    });
    return out;
}

} // namespace accred
