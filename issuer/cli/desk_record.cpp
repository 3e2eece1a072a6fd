#include "desk_record.h"

#include "event/calendar.h"
#include "event/utc_time.h"

#include <algorithm>

namespace accred {

std::string days_text(const std::vector<LocalDate>& days) {
    std::string out;
    for (const auto& d : days)
        out += (out.empty() ? "" : ", ") + format_iso_date(d);
    return out.empty() ? "-" : out;
}

std::vector<std::string> person_zones(const EventDefinition& event, const Person& person) {
    std::vector<std::string> zones;
    if (const Category* c = event.find_category(person.category)) zones = c->zones;
    for (const auto& z : person.zones)
        if (std::find(zones.begin(), zones.end(), z) == zones.end()) zones.push_back(z);
    return zones;
}

std::string standing_text(const BadgeStanding& s) {
    switch (s.state) {
    case BadgeState::withdrawn:
        return "WITHDRAWN since " + format_utc_time(s.withdrawal->at) + " (" +
               s.withdrawal->reason + ")";
    case BadgeState::superseded:
        return "superseded by issue " + std::to_string(s.current_issue);
    case BadgeState::revoked:
        return "REVOKED (" + s.revoked_reason.value_or("") + ")";
    case BadgeState::not_yet_valid:
        return "not valid yet";
    case BadgeState::expired:
        return "expired";
    case BadgeState::valid:
        return "valid";
    case BadgeState::not_issued:
        break;
    }
    return "not issued";
}

nlohmann::json person_json(const EventDefinition& event, const Person& p) {
    nlohmann::json days = nlohmann::json::array();
    for (const auto& d : p.days)
        days.push_back(format_iso_date(d));
    return {{"id", p.id},
            {"name", p.name},
            {"category", p.category},
            {"delegation", p.delegation},
            {"days", days},
            {"zones", person_zones(event, p)},
            {"escort_of", p.escort_of ? nlohmann::json(*p.escort_of) : nlohmann::json(nullptr)}};
}

nlohmann::json standing_json(const BadgeStanding& s) {
    const nlohmann::json withdrawn = s.withdrawal
                                         ? nlohmann::json{{"reason", s.withdrawal->reason},
                                                          {"at", format_utc_time(s.withdrawal->at)},
                                                          {"by", s.withdrawal->by}}
                                         : nlohmann::json(nullptr);
    return {{"state", badge_state_name(s.state)},
            {"current_issue", s.current_issue},
            {"revoked_reason",
             s.revoked_reason ? nlohmann::json(*s.revoked_reason) : nlohmann::json(nullptr)},
            {"withdrawn", withdrawn}};
}

} // namespace accred
