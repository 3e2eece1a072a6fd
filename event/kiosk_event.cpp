#include "kiosk_event.h"

namespace accred {

EventDefinition event_for_kiosks(EventDefinition event) {
    event.logo.clear();
    for (Zone& zone : event.zones)
        zone.badge_mark.clear();
    return event;
}

} // namespace accred
