// The desk's record of a person and of one of their badges, as `issuer status` and `issuer
// inspect` print it (text and JSON), so that the two commands say the same thing the same way.
#pragma once

#include "event/event_definition.h"
#include "issuer/badge_standing.h"
#include "issuer/person.h"

#include <nlohmann/json.hpp>
#include <string>

namespace accred {

// "2014-03-31, 2014-04-01" ("-" for none).
std::string days_text(const std::vector<LocalDate>& days);
// The zones a person holds: their category's, then their own extra grants ("-" for none).
std::vector<std::string> person_zones(const EventDefinition& event, const Person& person);
// "valid", "REVOKED (lost badge)", "superseded by issue 2", "WITHDRAWN since 2014-..Z (why)".
std::string standing_text(const BadgeStanding& standing);

// {"id", "name", "category", "delegation", "days", "zones", "escort_of"} of a person.
nlohmann::json person_json(const EventDefinition& event, const Person& person);
// {"state", "current_issue", "revoked_reason", "withdrawn": {reason, at, by} or null}.
nlohmann::json standing_json(const BadgeStanding& standing);

} // namespace accred
