// Who is inside which zone, as far as this kiosk knows: rebuilt from the entry log at start and
// updated with every admitted entry and recorded exit. Pure data, no clock, no database.
//
// Presence ends at the event's daily reset: every query takes `since`, the latest reset
// (presence_reset_before(event, now)), and an entry before it does not count as inside.
#pragma once

#include "event/event_definition.h"
#include "entrylog/entry_record.h"

#include <cstdint>
#include <map>
#include <optional>
#include <set>
#include <string>

namespace accred {

class Presence {
  public:
    // The holder entered zone at time (UTC seconds).
    void record_entry(const std::string& holder, const std::string& zone, std::int64_t time);
    // The holder left zone, and so every zone inside it too, at time.
    void record_exit(const EventDefinition& event, const std::string& holder,
                     const std::string& zone, std::int64_t time);
    // Applies one of this kiosk's own log rows, in log order: an admitted entry (row_admits) and a
    // recorded exit change presence; anything that did not open the door does not.
    void apply(const EventDefinition& event, const EntryRecord& row);
    // Applies another kiosk's row (handed down by the desk), unless this kiosk already knows of a
    // later change for that holder and zone: rows come in the order the desk received them, and
    // after a restart, or from a kiosk that was cut off, that is not the order they happened in.
    // Returns true when applied. Times come from different kiosks' clocks: a change made within
    // their skew of another may be judged in the wrong order.
    bool apply_peer(const EventDefinition& event, const EntryRecord& row);

    // When the holder last entered zone while still inside it, at or after since; nullopt when
    // not inside.
    std::optional<std::int64_t> inside_since(const std::string& holder, const std::string& zone,
                                             std::int64_t since) const;
    // How many are inside zone, counting entries at or after since.
    std::size_t occupancy(const std::string& zone, std::int64_t since) const;
    // True once any entry into zone has been seen: only then is "not inside" knowledge.
    bool knows_zone(const std::string& zone) const { return known_zones_.contains(zone); }
    // Everyone inside zone (entered at or after since), with their entry time.
    std::map<std::string, std::int64_t> inside(const std::string& zone, std::int64_t since) const;

  private:
    // When the holder's presence in zone last changed (entry or exit), as far as known.
    std::optional<std::int64_t> last_change(const std::string& holder,
                                            const std::string& zone) const;

    std::map<std::string, std::map<std::string, std::int64_t>> by_zone_; // zone -> holder -> t
    std::map<std::string, std::map<std::string, std::int64_t>> changed_; // holder -> zone -> t
    std::set<std::string> known_zones_;
};

} // namespace accred
