// The status bar's items as words and alarm levels: pure, so what the guard is warned about
// (clock, stale revocations, failing log, lost camera) is tested without a window.
#pragma once

#include "kiosk/screen/gate_status.h"
#include "kiosk/screen/screen_text.h"

#include <cstdint>
#include <string>
#include <vector>

namespace accred {

enum class StatusLevel { normal, warning, alarm };

struct StatusItem {
    std::string text;
    StatusLevel level = StatusLevel::normal;
};

// now: the kiosk clock (UTC seconds); clock_text: that time as the event's local time.
std::vector<StatusItem> status_items(const GateStatus& status, const ScreenText& text,
                                     std::size_t language, std::int64_t now,
                                     const std::string& clock_text, bool muted);

// "12 min", "3 h 5 min", "2 days", in the language.
std::string format_age(const ScreenText& text, std::size_t language, std::int64_t seconds);

} // namespace accred
