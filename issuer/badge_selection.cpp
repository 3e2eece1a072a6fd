// Badge selection: the desk's people and credentials to the badges the renderer draws.
#include "badge_selection.h"

#include <algorithm>
#include <string>
#include <vector>

namespace accred {

std::string badge_days_text(const std::vector<LocalDate>& days) {
    static const char* kMonths[] = {"January",   "February", "March",    "April",
                                    "May",       "June",     "July",     "August",
                                    "September", "October",  "November", "December"};
    auto day = [](const LocalDate& d, bool with_year) {
        std::string s = std::to_string(d.day) + " " + kMonths[(d.month + 11) % 12];
        return with_year ? s + " " + std::to_string(d.year) : s;
    };
    if (days.empty()) return "";
    if (days.size() == 1) return day(days.front(), true);
    const bool same_year = days.front().year == days.back().year;
    return day(days.front(), !same_year) + " - " + day(days.back(), true);
}

BadgeContent badge_content(const EventDefinition& event, const Person& person,
                           const StoredCredential& credential) {
    const Category* category = event.find_category(person.category);
    BadgeContent b;
    b.holder_id = person.id;
    b.name = person.name;
    b.delegation = person.delegation;
    b.category_name = category ? category->name : person.category;
    b.colour = category ? category->colour : "#808080";
    b.days = badge_days_text(person.days);
    b.event_name = event.name;
    b.photo_png = person.photo;
    b.credential = credential.text;
    b.issue = credential.issue;
    // Every zone gets a box; granted as the gates decide: the category's zones and the person's
    // explicit grants (the credential's zone claim).
    const auto has = [](const std::vector<std::string>& ids, const std::string& id) {
        return std::find(ids.begin(), ids.end(), id) != ids.end();
    };
    for (const Zone& zone : event.zones)
        b.zones.push_back({badge_mark_of(zone), has(person.zones, zone.id) ||
                                                    (category && has(category->zones, zone.id))});
    if (person.escort_of) b.escort_of = *person.escort_of;
    return b;
}

namespace {

// The principal an escort protects as printed on the escort's badge, "NAME (ID)"; "" for anyone
// else. The id alone when the principal is not on the roster (the roster import prevents it).
Outcome<std::string> escort_principal(Desk& desk, const Person& person) {
    if (!person.escort_of) return std::string();
    auto principal = desk.person(*person.escort_of);
    if (!principal) return principal.error();
    if (!principal->has_value()) return *person.escort_of;
    return (*principal)->name + " (" + *person.escort_of + ")";
}

} // namespace

Outcome<BadgeSelection> select_badges(Desk& desk, const std::vector<std::string>& asked) {
    auto ids = asked.empty() ? desk.person_ids() : Outcome<std::vector<std::string>>(asked);
    if (!ids) return ids.error();
    auto withdrawals = desk.withdrawals();
    if (!withdrawals) return withdrawals.error();
    BadgeSelection out;
    for (const auto& id : ids.value()) {
        auto person = desk.person(id);
        if (!person) return person.error();
        if (!person->has_value()) return Error{"no person with id " + id + " on the roster"};
        if (const auto w = withdrawals->find(id); w != withdrawals->end()) {
            out.withdrawn.push_back(withdrawn_notice(w->second, "no badge printed"));
            continue;
        }
        auto latest = desk.latest_credential(id);
        if (!latest) return latest.error();
        if (!latest.value() || latest.value()->revoked_reason) {
            out.missing.push_back(id);
            continue;
        }
        BadgeContent badge = badge_content(desk.event(), **person, *latest.value());
        if (auto named = escort_principal(desk, **person); !named)
            return named.error();
        else if (!named->empty())
            badge.escort_of = *named;
        out.badges.push_back(std::move(badge));
    }
    return out;
}

} // namespace accred
