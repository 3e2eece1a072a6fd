// The verdict's facts in the screen's words: pure functions of the view and the strings file, so
// what a guard reads beside each refusal is tested without a window.
#pragma once

#include "event/local_time.h"
#include "kiosk/screen/screen_text.h"
#include "kiosk/screen/verdict_view.h"

#include <cstddef>
#include <string>
#include <vector>

namespace accred {

// "31 March 2014, 08:00" in the language (event-local, as given).
std::string local_time_text(const ScreenText& text, std::size_t language,
                            const LocalDateTime& local);

// The one fact a guard needs beside the verdict's reason, in the language: the dates of a badge
// not yet or no longer valid, the current issue of a replaced one, whom an escort needs, the
// wait before re-entry, when a closed zone opens, the age of stale revocation data, the zone
// not entered first. "" when the verdict has none.
std::string fact_line(const VerdictView& view, const ScreenText& text, std::size_t language);

// "Access: Palace grounds, Main building" in the language; "" without zones.
std::string zones_line(const VerdictView& view, const ScreenText& text, std::size_t language);

// The strings keys this file uses, for screen_required_keys.
std::vector<std::string> verdict_words_keys();

// "P002 Ban Ki-moon": a holder id followed by the name when it is known; the id alone otherwise.
std::string with_name(const std::string& holder, const std::string& name);

} // namespace accred
