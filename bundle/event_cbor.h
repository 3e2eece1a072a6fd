// The event definition as CBOR, inside the signed bundle.
#pragma once

#include "crypto/cbor_value.h"
#include "crypto/outcome.h"
#include "event/event_definition.h"

namespace accred {

CborValue event_to_cbor(const EventDefinition& event);
// Reads back exactly what event_to_cbor writes; every field typed and bounded.
Outcome<EventDefinition> event_from_cbor(const CborValue& value);

} // namespace accred
