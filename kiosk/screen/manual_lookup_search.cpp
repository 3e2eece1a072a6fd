#include "manual_lookup_search.h"

#include "kiosk/app/holder_description.h"

namespace accred {

LookupAnswer find_holders(const KioskState& state, const std::string& query, std::size_t limit) {
    LookupAnswer answer;
    answer.query = query;
    if (!state.store) return answer;
    auto found = state.store->search(query, limit);
    if (!found) {
        answer.error = found.error().message;
        return answer;
    }
    for (const HolderMatch& match : found.value()) {
        LookupHit hit;
        hit.holder = match.holder;
        hit.name = match.name;
        auto claims = state.store->claims(match.holder);
        if (claims && claims->has_value()) {
            const Claims& c = **claims;
            const HolderDescription d = describe_holder(state.bundle, state.store.get(), c);
            hit.delegation = d.delegation;
            const Category* category = state.bundle.event.find_category_code(c.category);
            hit.category = category ? ShownName::of(*category) : ShownName{d.category, {}, {}};
            hit.category_colour = d.colour;
            hit.photo = d.photo;
        }
        answer.hits.push_back(std::move(hit));
    }
    return answer;
}

} // namespace accred
