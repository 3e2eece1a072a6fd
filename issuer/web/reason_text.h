// The kiosk's words for each decision's reason (assets/kiosk/strings.toml, reason.X), for the
// pages that show decisions: the same wording the guard saw at the gate.
#pragma once

#include "issuer/web/web_text.h"

#include <span>

namespace accred {

// Keys "reason_" + reason_name(r), for every Reason.
std::span<const TextEntry> reason_texts();

} // namespace accred
