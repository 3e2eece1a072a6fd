// Where everything goes, as fractions of the window, so 800x480 and 4K look alike and stay sharp
// (everything is drawn at the window's own pixel size, nothing is scaled as a bitmap).
#pragma once

#include "kiosk/screen/gate_status.h"
#include "kiosk/screen/screen_geometry.h"
#include "kiosk/screen/screen_model.h"

#include <string>
#include <vector>

namespace accred {

struct ScreenLayout {
    int width = 0;
    int height = 0;
    Rect status_bar;      // always visible, top
    Rect main;            // live view, verdict, PIN pad or lock screen
    Rect buttons_bar;     // guard actions, bottom
    Rect live_view;       // waiting: the camera picture...
    Rect instructions;    // ...and what the holder should do
    Rect verdict_signal;  // verdict: the shape and the one-word title
    Rect verdict_details; // verdict: reason, action, holder
    int title_px = 0;     // text sizes in pixels, from the window height
    int large_px = 0;
    int body_px = 0;
    int small_px = 0;
    int status_px = 0; // the status bar's text: at least 18 px at 1280x800, read at arm's length
};

ScreenLayout layout_for(int width, int height);

// The verdict's details, top to bottom, each box at its largest: the reason in large words, the
// fact a guard needs (two large lines; none when there is none), what to do, the other failing
// rules ("Also: ..."; none when there are none), then the holder's card in what remains. A grant
// has only the card. Text drawn shorter than its box moves what follows up by as much (the card
// grows), so the boxes never overlap.
struct VerdictColumn {
    Rect reason;
    Rect fact; // the fact beside the reason (dates, current issue, wait...): empty without one
    Rect action;
    Rect also;
    Rect holder;
};
VerdictColumn verdict_column(const ScreenLayout& layout, bool refusal, bool has_holder,
                             bool has_also, bool has_fact = false);

// A touch target. label_key is a strings key, or label is literal (a digit, a supervisor's name).
struct ScreenButton {
    enum class Target { key, digit, supervisor } target = Target::key;
    GuardKey key = GuardKey::enter;
    char digit = '0';
    std::size_t supervisor = 0;
    Rect rect;
    std::string label_key;
    std::string label;
    bool enabled = true;
    bool selected = false;
};

// The bottom bar: language, sound, exit mode (where the gate allows it), lock, override, and
// manual lookup (where the gate allows it).
std::vector<ScreenButton> bar_buttons(const ScreenLayout& layout, const GateStatus& status,
                                      const ScreenModel& model);
// The PIN pad in the main area: supervisors, digits 1-9, delete, 0, OK, cancel. pad is set to
// the panel the pad is drawn on.
std::vector<ScreenButton> pin_pad_buttons(const ScreenLayout& layout, const GateStatus& status,
                                          const ScreenModel& model, Rect& pad);

// The button under (x, y), if any and enabled.
const ScreenButton* hit_button(const std::vector<ScreenButton>& buttons, int x, int y);

} // namespace accred
