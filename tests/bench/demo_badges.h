// Real badges of the demo event for the benchmarks: credentials signed for demo roster people
// with the scenario tests' event key, rendered by the desk's own badge renderer (cairo).
#pragma once

#include "crypto/outcome.h"
#include "scan/grey_image.h"

#include <string>
#include <vector>

namespace accred::bench {

struct DemoBadge {
    std::string holder_id;
    std::string credential; // the AC1 text printed in the badge's QR code
    GreyImage badge;        // the whole A6 badge, greyscale
};

// The label of the event key the badges are signed with (tests/kiosk/gate_fixture.cpp uses the
// same one, so a GateFixture kiosk admits these credentials).
inline constexpr const char* kDemoEventKeyLabel = "gate fixture event key";

// Signs credentials for the first `count` people of assets/demo/roster.csv (of those listed in
// only_ids, when given) and renders their A6 badges at dpi into work_dir (which must exist and
// not hold those files yet).
Outcome<std::vector<DemoBadge>> make_demo_badges(std::size_t count, int dpi,
                                                 const std::string& work_dir,
                                                 const std::vector<std::string>& only_ids = {});

} // namespace accred::bench
