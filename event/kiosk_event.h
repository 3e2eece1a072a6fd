// The event definition as the kiosks receive it in the bundle.
#pragma once

#include "event/event_definition.h"

namespace accred {

// The event without what only the desk prints (the zones' badge marks, the logo), which the
// bundle does not carry: what a kiosk's bundle holds, field for field.
EventDefinition event_for_kiosks(EventDefinition event);

} // namespace accred
