#include "event_definition.h"

#include <algorithm>

namespace accred {

namespace {

template <typename T, typename Pred> const T* find_in(const std::vector<T>& items, Pred pred) {
    const auto found = std::find_if(items.begin(), items.end(), pred);
    return found == items.end() ? nullptr : &*found;
}

} // namespace

std::string_view manual_lookup_name(ManualLookup mode) {
    switch (mode) {
    case ManualLookup::pin:
        return "pin";
    case ManualLookup::open:
        return "open";
    case ManualLookup::off:
        return "off";
    }
    return "pin";
}

std::optional<ManualLookup> manual_lookup_from_name(std::string_view name) {
    for (ManualLookup m : {ManualLookup::pin, ManualLookup::open, ManualLookup::off})
        if (manual_lookup_name(m) == name) return m;
    return std::nullopt;
}

const Zone* EventDefinition::find_zone(const std::string& zone_id) const {
    return find_in(zones, [&](const Zone& z) { return z.id == zone_id; });
}

const Zone* EventDefinition::find_zone_code(std::uint32_t code) const {
    return find_in(zones, [&](const Zone& z) { return z.code == code; });
}

const Category* EventDefinition::find_category(const std::string& category_id) const {
    return find_in(categories, [&](const Category& c) { return c.id == category_id; });
}

const Category* EventDefinition::find_category_code(std::uint32_t code) const {
    return find_in(categories, [&](const Category& c) { return c.code == code; });
}

const Gate* EventDefinition::find_gate(const std::string& gate_id) const {
    return find_in(gates, [&](const Gate& g) { return g.id == gate_id; });
}

const Supervisor* EventDefinition::find_supervisor(const std::string& supervisor_id) const {
    return find_in(supervisors, [&](const Supervisor& s) { return s.id == supervisor_id; });
}

std::string badge_mark_of(const Zone& zone) {
    return zone.badge_mark.empty() ? std::to_string(zone.code + 1) : zone.badge_mark;
}

} // namespace accred
