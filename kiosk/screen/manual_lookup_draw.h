// Drawing the manual lookup panel over the main area, and the MANUAL band over a verdict that a
// manual lookup decided.
#pragma once

#include "kiosk/screen/manual_lookup_layout.h"
#include "kiosk/screen/screen_draw.h"
#include "kiosk/screen/screen_textures.h"

#include <array>

namespace accred {

// The results' photo thumbnails, one texture per row, decoded when the row's person changes.
struct LookupPhotos {
    std::array<PhotoTexture, ManualLookupModel::kMaxResults> rows;
};

// The panel: title, query or person picked, results with photos, supervisors, PIN dots, the
// message, and the buttons of panel.
void draw_lookup_panel(Painter& p, const ScreenLayout& l, const Words& w,
                       const ManualLookupModel& model, const LookupPanelLayout& panel,
                       LookupPhotos& photos);

// True for a verdict decided by manual lookup (its reason, or the mark in its other reasons).
bool is_manual_verdict(const VerdictView& v);
// The band across the top of a manual verdict (no badge was scanned), and the layout the verdict
// is drawn in beneath it: the verdict's areas lowered by the band's height, so nothing is hidden.
void draw_manual_banner(Painter& p, const ScreenLayout& l, const Words& w);
ScreenLayout under_manual_banner(const ScreenLayout& l);

} // namespace accred
