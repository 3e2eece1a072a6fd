// Where the manual lookup panel puts things, over the main area: on the left the query and up to
// six people found (or, once one is picked, that person, the supervisors and the PIN's dots); on
// the right an on-screen keyboard (or the PIN's digits). Pure, so the targets are tested.
#pragma once

#include "kiosk/screen/gate_status.h"
#include "kiosk/screen/manual_lookup_button.h"
#include "kiosk/screen/manual_lookup_model.h"
#include "kiosk/screen/screen_layout.h"

#include <string>
#include <vector>

namespace accred {

struct LookupPanelLayout {
    Rect panel;
    Rect title;
    Rect field;             // search: the query; PIN: the person picked
    std::vector<Rect> rows; // search: one per result shown
    Rect dots;              // PIN: the digits typed, as dots
    Rect message;           // no result, wrong PIN, errors
    std::vector<LookupButton> buttons;
};

LookupPanelLayout lookup_panel_layout(const ScreenLayout& layout, const ManualLookupModel& model,
                                      const GateStatus& status);

// The strings keys the panel and the MANUAL band use, which every language must have.
std::vector<std::string> manual_lookup_keys();

// The enabled button under (x, y), if any.
const LookupButton* hit_lookup_button(const std::vector<LookupButton>& buttons, int x, int y);

} // namespace accred
