#include "status_items.h"

#include "bundle/revocation_list.h"

#include <algorithm>

namespace accred {

std::string format_age(const ScreenText& text, std::size_t language, std::int64_t seconds) {
    if (seconds < 0) seconds = 0;
    const std::int64_t minutes = seconds / 60;
    if (minutes < 60) return text.get(language, "duration.minutes", {std::to_string(minutes)});
    if (minutes < 48 * 60)
        return text.get(language, "duration.hours",
                        {std::to_string(minutes / 60), std::to_string(minutes % 60)});
    return text.get(language, "duration.days", {std::to_string(minutes / (24 * 60))});
}

namespace {

constexpr auto kEssential = StatusPriority::essential;
constexpr auto kUseful = StatusPriority::useful;
constexpr auto kSpare = StatusPriority::spare;

// The desk's link (docs/fleet.md): only ever a warning, never an alarm, since the kiosk decides
// alone exactly as well; rows waiting are shown while the desk is out of reach or catching up.
void desk_items(const GateStatus& s, const ScreenText& text, std::size_t l,
                std::vector<StatusItem>& items) {
    if (s.desk_online)
        items.push_back({text.get(l, "status.desk_online"), StatusLevel::normal, kSpare, {}});
    else if (!s.desk_tried)
        items.push_back({text.get(l, "status.desk_connecting"), StatusLevel::normal, kSpare, {}});
    else
        items.push_back({text.get(l, "status.desk_offline", {s.desk_offline_since}),
                         StatusLevel::warning,
                         kUseful,
                         {}});
    if (s.rows_unsent > 0 && (!s.desk_online || s.desk_lagging))
        items.push_back({s.rows_unsent == 1
                             ? text.get(l, "status.desk_unsent_one")
                             : text.get(l, "status.desk_unsent", {std::to_string(s.rows_unsent)}),
                         s.desk_online ? StatusLevel::normal : StatusLevel::warning,
                         kSpare,
                         {}});
}

// The clock: loud when simulated (a demo or a test, never a real gate), louder when it runs
// behind the bundle or the log, which is when the engine refuses with clock_suspect. Its short
// form drops the date and the offset ("2014-04-01 09:00:05 +02:00" -> "09:00:05").
StatusItem clock_item(const GateStatus& s, const ScreenText& text, std::size_t l, std::int64_t now,
                      const std::string& clock_text) {
    const bool suspect = now < static_cast<std::int64_t>(s.bundle_issued_at) ||
                         (!s.simulated_time && now < s.clock_floor);
    const std::size_t space = clock_text.find(' ');
    std::string short_clock =
        space == std::string::npos ? clock_text : clock_text.substr(space + 1);
    short_clock = short_clock.substr(0, short_clock.find(' '));
    std::string flags, short_flags;
    if (s.simulated_time) {
        flags += "  " + text.get(l, "status.clock_simulated");
        short_flags += " " + text.get(l, "status.clock_simulated_short");
    }
    if (suspect) {
        flags += "  " + text.get(l, "status.clock_suspect");
        short_flags += "  " + text.get(l, "status.clock_suspect");
    }
    return {clock_text + flags,
            suspect ? StatusLevel::alarm
                    : (s.simulated_time ? StatusLevel::warning : StatusLevel::normal),
            kEssential, short_clock + short_flags};
}

int total_width(const std::vector<StatusItem>& items, int gap, const WidthOf& width_of) {
    int sum = 0;
    for (const auto& item : items)
        sum += width_of(item.text) + gap;
    return sum;
}

} // namespace

std::vector<StatusItem> status_items(const GateStatus& s, const ScreenText& text,
                                     std::size_t language, std::int64_t now,
                                     const std::string& clock_text, bool muted) {
    const std::size_t l = language;
    const std::string code = text.language_code(l);
    std::vector<StatusItem> items;
    items.push_back({s.gate_name.in(code) + " \u2192 " + s.zone_name.in(code), StatusLevel::normal,
                     kEssential, s.gate_name.in(code)});
    if (s.exit_mode)
        items.push_back({text.get(l, "status.exit_mode"), StatusLevel::warning, kEssential, {}});
    if (s.locked)
        items.push_back({text.get(l, "status.locked"), StatusLevel::warning, kEssential, {}});
    items.push_back(
        {text.get(l, "status.kiosk", {s.kiosk_id.substr(0, 8)}), StatusLevel::normal, kSpare, {}});
    items.push_back({text.get(l, "status.bundle", {std::to_string(s.bundle_version)}),
                     StatusLevel::normal,
                     kSpare,
                     {}});

    // The decision's own rule (RevocationList::is_stale), so the bar and the verdict agree.
    RevocationList freshness;
    freshness.issued_at = s.revocations_issued_at;
    freshness.max_age_minutes = s.revocations_max_age_minutes;
    const bool stale = now < 0 || freshness.is_stale(static_cast<std::uint64_t>(now));
    const std::int64_t age = now - static_cast<std::int64_t>(s.revocations_issued_at);
    const std::string age_text = format_age(text, l, age);
    items.push_back(
        stale
            ? StatusItem{text.get(l, "status.revocations_stale", {age_text}), StatusLevel::alarm,
                         kEssential, text.get(l, "status.revocations_stale_short")}
            : StatusItem{
                  text.get(l, "status.revocations", {age_text}), StatusLevel::normal, kUseful, {}});
    items.push_back(clock_item(s, text, l, now, clock_text));
    items.push_back(
        s.log_ok
            ? StatusItem{text.get(l, "status.log_ok", {std::to_string(s.log_head)}),
                         StatusLevel::normal,
                         kSpare,
                         {}}
            : StatusItem{text.get(l, "status.log_failed"), StatusLevel::alarm, kEssential, {}});
    items.push_back({text.get(l, "status.granted", {std::to_string(s.granted_today)}) + "  " +
                         text.get(l, "status.denied", {std::to_string(s.denied_today)}),
                     StatusLevel::normal,
                     kSpare,
                     {}});
    items.push_back({text.get(l, "status.inside", {std::to_string(s.inside)}),
                     StatusLevel::normal,
                     kUseful,
                     {}});
    if (s.fleet) desk_items(s, text, l, items);
    if (s.camera_lost)
        items.push_back({text.get(l, "camera.lost"), StatusLevel::alarm, kEssential, {}});
    if (muted) items.push_back({text.get(l, "status.muted"), StatusLevel::warning, kUseful, {}});
    return items;
}

std::vector<StatusItem> fit_status_items(std::vector<StatusItem> items, int width, int gap,
                                         const WidthOf& width_of) {
    std::stable_partition(items.begin(), items.end(),
                          [](const StatusItem& i) { return i.level == StatusLevel::alarm; });
    for (const StatusPriority drop : {kSpare, kUseful}) {
        while (total_width(items, gap, width_of) > width) {
            const auto last = std::find_if(items.rbegin(), items.rend(), [&](const StatusItem& i) {
                return i.priority == drop && i.level != StatusLevel::alarm;
            });
            if (last == items.rend()) break;
            items.erase(std::next(last).base());
        }
    }
    // Short forms, from the end, only as long as the bar is still too narrow.
    for (auto it = items.rbegin(); it != items.rend(); ++it)
        if (total_width(items, gap, width_of) > width && !it->short_text.empty())
            it->text = it->short_text;
    return items;
}

} // namespace accred
