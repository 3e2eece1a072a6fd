// The status bar's items as words and alarm levels: pure, so what the guard is warned about
// (clock, stale revocations, failing log, lost camera) is tested without a window.
#pragma once

#include "kiosk/screen/gate_status.h"
#include "kiosk/screen/screen_text.h"
#include "kiosk/screen/text_fit.h"

#include <cstdint>
#include <string>
#include <vector>

namespace accred {

enum class StatusLevel { normal, warning, alarm };

// How much a guard needs an item: an essential one is never dropped from the bar; the others go,
// least needed first, when the bar is too narrow for them all.
enum class StatusPriority { essential, useful, spare };

struct StatusItem {
    std::string text;
    StatusLevel level = StatusLevel::normal;
    StatusPriority priority = StatusPriority::spare;
    std::string short_text; // a shorter form for a narrow bar ("" when there is none)
};

// now: the kiosk clock (UTC seconds); clock_text: that time as the event's local time.
std::vector<StatusItem> status_items(const GateStatus& status, const ScreenText& text,
                                     std::size_t language, std::int64_t now,
                                     const std::string& clock_text, bool muted);

// The items that fit a bar `width` wide, `gap` between items, each as wide as width_of says:
// alarms first, then the rest in their order. What does not fit goes, spare items first (from
// the end), then useful ones; then essential items take their short forms. Essential items are
// never dropped: a bar too narrow even for them returns them all (the painter then shrinks them).
std::vector<StatusItem> fit_status_items(std::vector<StatusItem> items, int width, int gap,
                                         const WidthOf& width_of);

// "12 min", "3 h 5 min", "2 days", in the language.
std::string format_age(const ScreenText& text, std::size_t language, std::int64_t seconds);

} // namespace accred
