#include "status_items.h"

#include "bundle/revocation_list.h"

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

// The desk's link (docs/fleet.md): only ever a warning, never an alarm, since the kiosk decides
// alone exactly as well; rows waiting are shown while the desk is out of reach or catching up.
void desk_items(const GateStatus& s, const ScreenText& text, std::size_t l,
                std::vector<StatusItem>& items) {
    if (s.desk_online)
        items.push_back({text.get(l, "status.desk_online"), StatusLevel::normal});
    else if (!s.desk_tried)
        items.push_back({text.get(l, "status.desk_connecting"), StatusLevel::normal});
    else
        items.push_back(
            {text.get(l, "status.desk_offline", {s.desk_offline_since}), StatusLevel::warning});
    if (s.rows_unsent > 0 && (!s.desk_online || s.desk_lagging))
        items.push_back({s.rows_unsent == 1
                             ? text.get(l, "status.desk_unsent_one")
                             : text.get(l, "status.desk_unsent", {std::to_string(s.rows_unsent)}),
                         s.desk_online ? StatusLevel::normal : StatusLevel::warning});
}

} // namespace

std::vector<StatusItem> status_items(const GateStatus& s, const ScreenText& text,
                                     std::size_t language, std::int64_t now,
                                     const std::string& clock_text, bool muted) {
    const std::size_t l = language;
    std::vector<StatusItem> items;
    items.push_back({s.gate_name + " \u2192 " + s.zone_name, StatusLevel::normal});
    if (s.exit_mode) items.push_back({text.get(l, "status.exit_mode"), StatusLevel::warning});
    if (s.locked) items.push_back({text.get(l, "status.locked"), StatusLevel::warning});
    items.push_back({text.get(l, "status.kiosk", {s.kiosk_id.substr(0, 8)}), StatusLevel::normal});
    items.push_back(
        {text.get(l, "status.bundle", {std::to_string(s.bundle_version)}), StatusLevel::normal});

    // The decision's own rule (RevocationList::is_stale), so the bar and the verdict agree.
    RevocationList freshness;
    freshness.issued_at = s.revocations_issued_at;
    freshness.max_age_minutes = s.revocations_max_age_minutes;
    const bool stale = now < 0 || freshness.is_stale(static_cast<std::uint64_t>(now));
    const std::int64_t age = now - static_cast<std::int64_t>(s.revocations_issued_at);
    const std::string age_text = format_age(text, l, age);
    items.push_back(
        stale ? StatusItem{text.get(l, "status.revocations_stale", {age_text}), StatusLevel::alarm}
              : StatusItem{text.get(l, "status.revocations", {age_text}), StatusLevel::normal});

    // The clock: loud when simulated (a demo or a test, never a real gate), louder when it runs
    // behind the bundle or the log, which is when the engine refuses with clock_suspect.
    const bool suspect = now < static_cast<std::int64_t>(s.bundle_issued_at) ||
                         (!s.simulated_time && now < s.clock_floor);
    std::string clock = clock_text;
    if (s.simulated_time) clock += "  " + text.get(l, "status.clock_simulated");
    if (suspect) clock += "  " + text.get(l, "status.clock_suspect");
    items.push_back({clock, suspect
                                ? StatusLevel::alarm
                                : (s.simulated_time ? StatusLevel::warning : StatusLevel::normal)});

    items.push_back(s.log_ok
                        ? StatusItem{text.get(l, "status.log_ok", {std::to_string(s.log_head)}),
                                     StatusLevel::normal}
                        : StatusItem{text.get(l, "status.log_failed"), StatusLevel::alarm});
    items.push_back({text.get(l, "status.granted", {std::to_string(s.granted_today)}) + "  " +
                         text.get(l, "status.denied", {std::to_string(s.denied_today)}),
                     StatusLevel::normal});
    items.push_back(
        {text.get(l, "status.inside", {std::to_string(s.inside)}), StatusLevel::normal});
    if (s.fleet) desk_items(s, text, l, items);
    if (s.camera_lost) items.push_back({text.get(l, "camera.lost"), StatusLevel::alarm});
    if (muted) items.push_back({text.get(l, "status.muted"), StatusLevel::warning});
    return items;
}

} // namespace accred
