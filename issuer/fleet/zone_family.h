// The zones whose presence matters to a gate's kiosk: its own zone, the zones around it (an exit
// from the grounds empties the building) and the zones inside it (who is in the session room is
// inside the plenary too).
#pragma once

#include "event/event_definition.h"

#include <string>
#include <vector>

namespace accred {

// zone, its ancestors and its descendants, in the event's zone order; empty for an unknown zone.
std::vector<std::string> zone_family(const EventDefinition& event, const std::string& zone);

} // namespace accred
