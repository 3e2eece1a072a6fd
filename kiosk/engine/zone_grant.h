// Whether a badge grants a zone: by its category's default zones or by a zone signed into it.
// One rule for the decision (rule 4) and the screen's list of the holder's zones.
#pragma once

#include "bundle/kiosk_bundle.h"
#include "crypto/claims.h"

namespace accred {

// True when zone is among the claims' explicit zone codes or the default zones of their
// category in bundle's event (an unknown category grants none).
[[nodiscard]] bool zone_granted(const KioskBundle& bundle, const Claims& claims, const Zone& zone);

} // namespace accred
