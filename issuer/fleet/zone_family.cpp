#include "zone_family.h"

namespace accred {
namespace {

// True when inner is outer or lies inside it (the parser refuses cycles; the bound is a guard).
bool inside(const EventDefinition& event, const std::string& inner, const std::string& outer) {
    const Zone* z = event.find_zone(inner);
    for (int hops = 0; z != nullptr && hops < 256; ++hops) {
        if (z->id == outer) return true;
        z = z->parent ? event.find_zone(*z->parent) : nullptr;
    }
    return false;
}

} // namespace

std::vector<std::string> zone_family(const EventDefinition& event, const std::string& zone) {
    std::vector<std::string> out;
    if (event.find_zone(zone) == nullptr) return out;
    for (const Zone& z : event.zones)
        if (inside(event, zone, z.id) || inside(event, z.id, zone)) out.push_back(z.id);
    return out;
}

} // namespace accred
