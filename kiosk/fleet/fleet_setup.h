// A kiosk's membership of a desk's fleet, as stored in its state folder by kiosk join:
//   DIR/fleet.json     {"desk": "https://HOST:PORT"}   (its presence turns the sync on)
//   DIR/fleet-ca.crt   the fleet CA, pinned: the only trust anchor for the desk
//   DIR/fleet.crt      this kiosk's certificate from the desk (for the kiosk's own key)
#pragma once

#include "crypto/outcome.h"

#include <optional>
#include <string>

namespace accred {

struct FleetSetup {
    std::string desk_url; // "https://host:port"
    std::string ca_pem;
    std::string cert_pem;
};

// The setup stored in dir; nullopt when the kiosk has not joined a desk (no fleet.json). An
// Error when fleet.json is damaged (strict: one object, exactly the "desk" key, text) or a
// certificate file is missing or too large.
Outcome<std::optional<FleetSetup>> read_fleet_setup(const std::string& dir);

// Stores setup in dir: the certificates first, fleet.json last, each replaced atomically, so a
// cut leaves either the old setup or the new one in force.
Status write_fleet_setup(const std::string& dir, const FleetSetup& setup);

// Removes the fleet files (fleet.json first: the kiosk is offline-only from then on). Removing
// what is absent is not an error.
Status remove_fleet_setup(const std::string& dir);

} // namespace accred
