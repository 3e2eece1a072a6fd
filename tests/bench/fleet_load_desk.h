// The desk fleet_load serves: a new desk of the demo event (the default), or an existing
// workspace given with --desk (the scale benchmark's event, scripts/scale_bench.py), whose own
// badges the simulated kiosks then scan.
#pragma once

#include "fleet_sim_kiosk.h"
#include "issuer/desk.h"

#include <optional>
#include <string>
#include <vector>

namespace accred::bench {

struct LoadDesk {
    std::string dir;
    std::string passphrase;
    std::optional<Desk> desk;
};

// existing empty: a new desk of the demo event in new_dir under default_passphrase. Otherwise
// that workspace, its passphrase from $ACCRED_PASSPHRASE: fleet_load adds its fleet CA, kiosks
// and a few people to it, so give it a copy.
Outcome<LoadDesk> open_load_desk(const std::string& existing, const std::string& new_dir,
                                 const std::string& default_passphrase);

// The peak resident memory of a running process (VmHWM in /proc/PID/status), KiB; 0 if unknown.
double peak_resident_kib(int pid);

// Up to max of the desk's issued and unrevoked credentials, spread evenly over them.
Outcome<std::vector<LoadBadge>> desk_load_badges(Desk& desk, std::size_t max);

} // namespace accred::bench
