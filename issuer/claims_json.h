// Claims <-> JSON, in the field names of docs/credential-format.md and tests/vectors/.
#pragma once

#include "crypto/claims.h"
#include "crypto/outcome.h"

#include <nlohmann/json_fwd.hpp>

namespace accred {

nlohmann::json claims_to_json(const Claims& claims);

// Reads a claims object. Unknown fields are refused (a typo must not silently drop a grant);
// "cti" may be absent, in which case the caller chooses it. Errors name the field.
Outcome<Claims> claims_from_json(const nlohmann::json& json);

} // namespace accred
