// The status bar's warnings: stale revocation data, a simulated or suspect clock, a failing log
// and a muted kiosk are raised to the right level, in the guard's language; ages read naturally
// at the minute/hour/day boundaries.
#include "kiosk/screen/shipped_strings.h"
#include "kiosk/screen/status_items.h"

#include <algorithm>
#include <catch2/catch.hpp>

using namespace accred;
using accred::test::language_index;

namespace {

constexpr std::int64_t kNow = 1396335600; // 2014-04-01T07:00:00Z
const std::string kClockText = "01/04 09:00";

// A healthy kiosk: fresh revocations, a bundle from the day before, a working log, real time.
GateStatus healthy() {
    GateStatus s;
    s.gate_name = {"Main gate", "Grille principale", "Hoofdpoort"};
    s.zone_name = {"Grounds", {}, {}};
    s.kiosk_id = "0123456789abcdef";
    s.bundle_version = 7;
    s.revocations_issued_at = static_cast<std::uint64_t>(kNow - 10 * 60);
    s.revocations_max_age_minutes = 720;
    s.bundle_issued_at = static_cast<std::uint64_t>(kNow - 24 * 3600);
    s.clock_floor = kNow - 60;
    s.simulated_time = false;
    s.log_ok = true;
    s.log_head = 42;
    return s;
}

std::size_t count_level(const std::vector<StatusItem>& items, StatusLevel level) {
    return static_cast<std::size_t>(std::count_if(
        items.begin(), items.end(), [&](const StatusItem& i) { return i.level == level; }));
}

// The item whose text contains needle; fails the test if there is none.
StatusItem item_with(const std::vector<StatusItem>& items, const std::string& needle) {
    for (const auto& i : items)
        if (i.text.find(needle) != std::string::npos) return i;
    FAIL("no status item contains \"" << needle << "\"");
    return {};
}

bool any_contains(const std::vector<StatusItem>& items, const std::string& needle) {
    return std::any_of(items.begin(), items.end(), [&](const StatusItem& i) {
        return i.text.find(needle) != std::string::npos;
    });
}

} // namespace

TEST_CASE("A healthy kiosk shows no alarm and no warning", "[screen][status]") {
    const ScreenText text = test::shipped_strings();
    const auto items = status_items(healthy(), text, 0, kNow, kClockText, false);
    CHECK(count_level(items, StatusLevel::alarm) == 0);
    CHECK(count_level(items, StatusLevel::warning) == 0);
    // The fresh revocations are shown with their age, the log with its head.
    const StatusItem rev =
        item_with(items, text.get(0, "status.revocations", {format_age(text, 0, 10 * 60)}));
    CHECK(rev.level == StatusLevel::normal);
    CHECK(item_with(items, text.get(0, "status.log_ok", {"42"})).level == StatusLevel::normal);
    CHECK(item_with(items, kClockText).level == StatusLevel::normal);
    CHECK(any_contains(items, "Main gate"));
    CHECK(any_contains(items, "01234567"));
    CHECK_FALSE(any_contains(items, "89abcdef")); // the kiosk id is shortened
}

TEST_CASE("Revocation data older than its maximum age raises an alarm", "[screen][status]") {
    const ScreenText text = test::shipped_strings();
    GateStatus s = healthy();
    s.revocations_issued_at = static_cast<std::uint64_t>(kNow - 721 * 60);
    const auto items = status_items(s, text, 0, kNow, kClockText, false);
    const StatusItem stale =
        item_with(items, text.get(0, "status.revocations_stale", {format_age(text, 0, 721 * 60)}));
    CHECK(stale.level == StatusLevel::alarm);
    CHECK(count_level(items, StatusLevel::alarm) == 1);

    // Exactly the maximum age is still fresh (the decision refuses only beyond it).
    s.revocations_issued_at = static_cast<std::uint64_t>(kNow - 720 * 60);
    CHECK(count_level(status_items(s, text, 0, kNow, kClockText, false), StatusLevel::alarm) == 0);

    // Revocation data from the future means the clock or the data is wrong: alarm too.
    s.revocations_issued_at = static_cast<std::uint64_t>(kNow + 3600);
    CHECK(count_level(status_items(s, text, 0, kNow, kClockText, false), StatusLevel::alarm) == 1);
}

TEST_CASE("Simulated time is a warning that says so", "[screen][status]") {
    const ScreenText text = test::shipped_strings();
    for (std::size_t l = 0; l < text.language_count(); ++l) {
        CAPTURE(text.language_code(l));
        GateStatus s = healthy();
        s.simulated_time = true;
        const auto items = status_items(s, text, l, kNow, kClockText, false);
        const StatusItem clock = item_with(items, kClockText);
        CHECK(clock.level == StatusLevel::warning);
        CHECK_THAT(clock.text, Catch::Contains(text.get(l, "status.clock_simulated")));
        CHECK(count_level(items, StatusLevel::alarm) == 0);
    }
}

TEST_CASE("A clock before the bundle was issued is an alarm: clock suspect", "[screen][status]") {
    const ScreenText text = test::shipped_strings();
    const std::size_t fr = language_index(text, "fr");
    for (bool simulated : {false, true}) {
        CAPTURE(simulated);
        GateStatus s = healthy();
        s.simulated_time = simulated;
        s.clock_floor = 0;
        s.bundle_issued_at = static_cast<std::uint64_t>(kNow + 60);
        s.revocations_issued_at = static_cast<std::uint64_t>(kNow - 60);
        const auto items = status_items(s, text, fr, kNow, kClockText, false);
        const StatusItem clock = item_with(items, kClockText);
        CHECK(clock.level == StatusLevel::alarm);
        CHECK_THAT(clock.text, Catch::Contains(text.get(fr, "status.clock_suspect")));
    }
}

TEST_CASE("A real clock behind the last logged entry is an alarm", "[screen][status]") {
    const ScreenText text = test::shipped_strings();
    GateStatus s = healthy();
    s.clock_floor = kNow + 3600; // the log already holds an entry an hour ahead
    const auto items = status_items(s, text, 0, kNow, kClockText, false);
    const StatusItem clock = item_with(items, kClockText);
    CHECK(clock.level == StatusLevel::alarm);
    CHECK_THAT(clock.text, Catch::Contains(text.get(0, "status.clock_suspect")));
    // Exactly at the floor is not behind it.
    s.clock_floor = kNow;
    CHECK(item_with(status_items(s, text, 0, kNow, kClockText, false), kClockText).level ==
          StatusLevel::normal);
}

TEST_CASE("A failing log is an alarm", "[screen][status]") {
    const ScreenText text = test::shipped_strings();
    GateStatus s = healthy();
    s.log_ok = false;
    const auto items = status_items(s, text, 0, kNow, kClockText, false);
    CHECK(item_with(items, text.get(0, "status.log_failed")).level == StatusLevel::alarm);
    CHECK_FALSE(any_contains(items, text.get(0, "status.log_ok", {"42"})));
    CHECK(count_level(items, StatusLevel::alarm) == 1);
}

TEST_CASE("A lost camera is an alarm", "[screen][status]") {
    const ScreenText text = test::shipped_strings();
    GateStatus s = healthy();
    s.has_camera = true;
    s.camera_lost = true;
    const auto items = status_items(s, text, 0, kNow, kClockText, false);
    CHECK(item_with(items, text.get(0, "camera.lost")).level == StatusLevel::alarm);
}

TEST_CASE("Muted sound, exit mode and a locked gate are warnings", "[screen][status]") {
    const ScreenText text = test::shipped_strings();
    const std::size_t nl = language_index(text, "nl");
    CHECK_FALSE(any_contains(status_items(healthy(), text, nl, kNow, kClockText, false),
                             text.get(nl, "status.muted")));
    const auto muted = status_items(healthy(), text, nl, kNow, kClockText, true);
    CHECK(item_with(muted, text.get(nl, "status.muted")).level == StatusLevel::warning);
    CHECK(count_level(muted, StatusLevel::warning) == 1);

    GateStatus s = healthy();
    s.exit_mode = true;
    s.locked = true;
    const auto items = status_items(s, text, nl, kNow, kClockText, false);
    CHECK(item_with(items, text.get(nl, "status.exit_mode")).level == StatusLevel::warning);
    CHECK(item_with(items, text.get(nl, "status.locked")).level == StatusLevel::warning);
}

TEST_CASE("The day's counts and the people inside are shown", "[screen][status]") {
    const ScreenText text = test::shipped_strings();
    GateStatus s = healthy();
    s.granted_today = 17;
    s.denied_today = 3;
    s.inside = 12;
    const auto items = status_items(s, text, 0, kNow, kClockText, false);
    const StatusItem counts = item_with(items, text.get(0, "status.granted", {"17"}));
    CHECK_THAT(counts.text, Catch::Contains(text.get(0, "status.denied", {"3"})));
    CHECK(any_contains(items, text.get(0, "status.inside", {"12"})));
}

TEST_CASE("Ages switch from minutes to hours at 60 min and to days at 48 h", "[screen][status]") {
    const ScreenText text = test::shipped_strings();
    for (const char* code : {"en", "fr"}) {
        const std::size_t l = language_index(text, code);
        CAPTURE(code);
        CHECK(format_age(text, l, 0) == text.get(l, "duration.minutes", {"0"}));
        CHECK(format_age(text, l, 59) == text.get(l, "duration.minutes", {"0"}));
        CHECK(format_age(text, l, 59 * 60) == text.get(l, "duration.minutes", {"59"}));
        CHECK(format_age(text, l, 59 * 60 + 59) == text.get(l, "duration.minutes", {"59"}));
        CHECK(format_age(text, l, 60 * 60) == text.get(l, "duration.hours", {"1", "0"}));
        CHECK(format_age(text, l, 3 * 3600 + 5 * 60) == text.get(l, "duration.hours", {"3", "5"}));
        CHECK(format_age(text, l, 47 * 3600) == text.get(l, "duration.hours", {"47", "0"}));
        CHECK(format_age(text, l, 47 * 3600 + 59 * 60) ==
              text.get(l, "duration.hours", {"47", "59"}));
        CHECK(format_age(text, l, 48 * 3600) == text.get(l, "duration.days", {"2"}));
        CHECK(format_age(text, l, 5 * 24 * 3600 + 7 * 3600) == text.get(l, "duration.days", {"5"}));
        // A negative age (data from the future) reads as zero, never as "-3 min".
        CHECK(format_age(text, l, -180) == text.get(l, "duration.minutes", {"0"}));
    }
    // The words differ between the languages where the file says so.
    CHECK(format_age(text, language_index(text, "en"), 48 * 3600) !=
          format_age(text, language_index(text, "fr"), 48 * 3600));
    CHECK(format_age(text, 0, 48 * 3600).find('2') != std::string::npos);
}

TEST_CASE("The desk's link: online, offline since when (deciding alone), rows not yet sent",
          "[screen][status]") {
    const ScreenText text = test::shipped_strings();
    const std::size_t nl = language_index(text, "nl");
    GateStatus s = healthy();
    // A kiosk that never joined a desk says nothing about one.
    CHECK_FALSE(any_contains(status_items(s, text, 0, kNow, kClockText, false), "Desk"));

    s.fleet = true;
    s.desk_tried = true;
    s.desk_online = true;
    s.rows_unsent = 1; // a row logged since the last sync: not worth a word
    auto items = status_items(s, text, 0, kNow, kClockText, false);
    CHECK(item_with(items, "Desk online").level == StatusLevel::normal);
    CHECK_FALSE(any_contains(items, "not yet sent"));
    CHECK(count_level(items, StatusLevel::warning) == 0);

    // Catching up after a cut: online, and the rows still to go are shown.
    s.rows_unsent = 1200;
    s.desk_lagging = true;
    items = status_items(s, text, 0, kNow, kClockText, false);
    CHECK(item_with(items, "1200 rows not yet sent").level == StatusLevel::normal);

    s.desk_online = false;
    s.desk_offline_since = "09:41";
    s.rows_unsent = 1;
    items = status_items(s, text, 0, kNow, kClockText, false);
    CHECK(item_with(items, "Desk offline since 09:41").level == StatusLevel::warning);
    CHECK(item_with(items, "1 row not yet sent").level == StatusLevel::warning);
    CHECK(count_level(items, StatusLevel::alarm) == 0); // deciding alone is no fault
    const auto dutch = status_items(s, text, nl, kNow, kClockText, false);
    CHECK(any_contains(dutch, text.get(nl, "status.desk_offline", {"09:41"})));
    CHECK(any_contains(dutch, "09:41"));

    // Before the first attempt has finished: connecting, no alarm, no warning.
    s.desk_tried = false;
    s.rows_unsent = 0;
    items = status_items(s, text, 0, kNow, kClockText, false);
    CHECK(item_with(items, text.get(0, "status.desk_connecting")).level == StatusLevel::normal);
}

namespace {

// Ten pixels a byte: widths without fonts.
int ten_per_byte(const std::string& s) {
    return static_cast<int>(s.size()) * 10;
}

int total(const std::vector<StatusItem>& items, int gap) {
    int sum = 0;
    for (const auto& i : items)
        sum += ten_per_byte(i.text) + gap;
    return sum;
}

bool has_text(const std::vector<StatusItem>& items, const std::string& text) {
    return std::any_of(items.begin(), items.end(),
                       [&](const StatusItem& i) { return i.text == text; });
}

} // namespace

TEST_CASE("A narrow status bar drops spare items first, then useful ones, never essential ones",
          "[screen][status]") {
    const std::vector<StatusItem> items = {
        {"Gate -> Zone", StatusLevel::normal, StatusPriority::essential, "Gate"},
        {"Kiosk 0123", StatusLevel::normal, StatusPriority::spare, {}},
        {"Revocations 5 min", StatusLevel::normal, StatusPriority::useful, {}},
        {"2014-04-01 09:00:00 +02:00", StatusLevel::normal, StatusPriority::essential, "09:00:00"},
        {"Log #42", StatusLevel::normal, StatusPriority::spare, {}},
        {"CAMERA LOST", StatusLevel::alarm, StatusPriority::essential, {}},
    };
    const int gap = 10;
    // Room for all: all, the alarm first, the rest in order.
    const auto all = fit_status_items(items, 10000, gap, ten_per_byte);
    REQUIRE(all.size() == items.size());
    CHECK(all.front().text == "CAMERA LOST");
    CHECK(all[1].text == "Gate -> Zone");
    // Less room: the spare items go (the last first), the useful one stays while it fits.
    const int essentials_and_useful = total({items[0], items[2], items[3], items[5]}, gap);
    const auto some = fit_status_items(items, essentials_and_useful + 5, gap, ten_per_byte);
    CHECK(some.size() == 4);
    CHECK_FALSE(has_text(some, "Kiosk 0123"));
    CHECK_FALSE(has_text(some, "Log #42"));
    CHECK(has_text(some, "Revocations 5 min"));
    CHECK(total(some, gap) <= essentials_and_useful + 5);
    // Less still: the useful one goes too, then the essential ones take their short forms, the
    // last first.
    const int essentials = total({items[0], items[3], items[5]}, gap);
    const auto bare = fit_status_items(items, essentials, gap, ten_per_byte);
    CHECK(bare.size() == 3);
    CHECK(has_text(bare, "Gate -> Zone"));
    const auto shorter = fit_status_items(items, essentials - 10, gap, ten_per_byte);
    CHECK(has_text(shorter, "09:00:00"));
    CHECK(has_text(shorter, "Gate -> Zone"));
    const auto shortest = fit_status_items(items, 100, gap, ten_per_byte);
    CHECK(has_text(shortest, "09:00:00"));
    CHECK(has_text(shortest, "Gate"));
    CHECK(has_text(shortest, "CAMERA LOST")); // an alarm has no shorter form and always stays
}

TEST_CASE("Gate and zone are named in the guard's language", "[screen][status]") {
    const ScreenText text = test::shipped_strings();
    const auto items =
        status_items(healthy(), text, language_index(text, "fr"), kNow, kClockText, false);
    CHECK(any_contains(items, "Grille principale"));
    CHECK(any_contains(items, "Grounds")); // no French name: the event's own
}
