// Which badges to print and what each shows: the desk's records turned into BadgeContent, for
// every front end (the `issuer badges` command, the web desk) alike.
#pragma once

#include "crypto/outcome.h"
#include "event/event_definition.h"
#include "issuer/badge_layout.h"
#include "issuer/desk.h"
#include "issuer/person.h"

#include <string>
#include <vector>

namespace accred {

// The attendance days as printed, from the first to the last (days are ascending): "1 April
// 2014", "31 March - 1 April 2014", "30 March - 31 March 2014" (the month is named on both
// sides; the year once when both share it), "" when there are none.
std::string badge_days_text(const std::vector<LocalDate>& days);

// What person's badge shows: their name and delegation, their category's name and colour (grey
// and the category id when the event does not define it), the days, and credential's text and
// issue number, a box per zone of the event (granted: the category's zones and the person's
// own grants), and the escort's principal by id (select_badges puts the name to it).
BadgeContent badge_content(const EventDefinition& event, const Person& person,
                           const StoredCredential& credential);

// The badges to print, with who was left out and why.
struct BadgeSelection {
    std::vector<BadgeContent> badges;
    std::vector<std::string> missing;   // ids with no valid badge yet (none, or only revoked ones)
    std::vector<std::string> withdrawn; // withdrawn_notice(..., "no badge printed") for each
};

// The badges of the people asked for (everyone on the roster when asked is empty), in that
// order. A withdrawn person is left out with a notice, never refused here: a caller that named
// them explicitly refuses first. An id not on the roster is an Error. Each person is read from
// desk.db on their own, so memory holds the photos of the badges selected, not the roster's.
// An escort's badge names the principal: "NAME (ID)".
Outcome<BadgeSelection> select_badges(Desk& desk, const std::vector<std::string>& asked);

} // namespace accred
