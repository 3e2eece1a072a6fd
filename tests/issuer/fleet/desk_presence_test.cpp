// Presence handed down by the desk (docs/fleet.md): other kiosks' rows that change presence in
// the zones of the syncing kiosk's gate, oldest first, with a cursor and a limit.
#include "desk_fleet_fixture.h"
#include "issuer/fleet/zone_family.h"
#include "entrylog/presence.h"
#include "support/demo_event.h"

#include <algorithm>
#include <catch2/catch.hpp>

using namespace accred;
using accred::test::day_two;
using accred::test::DeskFleetFixture;

namespace {

std::vector<std::string> holders(const std::vector<EntryRecord>& rows) {
    std::vector<std::string> out;
    for (const auto& r : rows)
        out.push_back(r.holder.value_or("-"));
    return out;
}

// Pushes every row of the kiosk at gate to the desk.
void push(DeskFleetFixture& f, const std::string& gate) {
    REQUIRE(f.sync(gate, DeskFleetFixture::request(f.rows(gate))).status == 200);
}

} // namespace

TEST_CASE("Zone family: the zone, those around it and those inside it", "[fleet][desk]") {
    const auto& event = accred::test::demo_event();
    CHECK(zone_family(event, "press_centre") ==
          std::vector<std::string>{"grounds", "main_building", "press_centre"});
    CHECK(zone_family(event, "plenary") ==
          std::vector<std::string>{"grounds", "main_building", "plenary", "hls_room"});
    CHECK(zone_family(event, "nowhere").empty());
}

TEST_CASE("Desk presence: related zones handed down, unrelated not", "[fleet][desk]") {
    DeskFleetFixture f;
    // Into the grounds (around the press centre): handed to the press door's kiosk.
    REQUIRE(f.scan("main_gate", "D002", day_two(9)).verdict == Verdict::granted);
    // A denial changes nobody's presence: not handed down.
    REQUIRE(f.scan("main_gate", "D002", day_two(9, 1)).verdict == Verdict::denied);
    // Into the plenary: neither around nor inside the press centre.
    REQUIRE(f.scan("plenary_door", "D003", day_two(10)).verdict == Verdict::granted);
    push(f, "main_gate");
    push(f, "plenary_door");

    const auto press = f.sync("press_door", DeskFleetFixture::request({}));
    REQUIRE(press.status == 200);
    CHECK(holders(press.reply.presence) == std::vector<std::string>{"D002"});
    CHECK_FALSE(press.reply.more);
    CHECK(row_admits(press.reply.presence.front()));

    // The main gate's own rows never come back to it; the plenary's are inside the grounds.
    const auto main = f.sync("main_gate", DeskFleetFixture::request({}));
    CHECK(holders(main.reply.presence) == std::vector<std::string>{"D003"});

    SECTION("the cursor: nothing again, then only what is new") {
        auto request = DeskFleetFixture::request({});
        request.presence_after = press.reply.presence_cursor;
        const auto again = f.sync("press_door", request);
        CHECK(again.reply.presence.empty());
        CHECK(again.reply.presence_cursor == press.reply.presence_cursor);
        REQUIRE(f.scan("main_gate", "D004", day_two(9, 30)).verdict == Verdict::granted);
        push(f, "main_gate");
        const auto fresh = f.sync("press_door", request);
        CHECK(holders(fresh.reply.presence) == std::vector<std::string>{"D004"});
        CHECK(fresh.reply.presence_cursor > press.reply.presence_cursor);
    }
}

TEST_CASE("Desk presence: exits are handed down, and rows past the limit wait", "[fleet][desk]") {
    DeskFleetFixture f;
    for (const char* id : {"D002", "D003", "D004", "D005"})
        REQUIRE(f.scan("main_gate", id, day_two(9)).verdict == Verdict::granted);
    REQUIRE(f.scan("main_gate_exit", "D003", day_two(12)).direction == Direction::exit);
    push(f, "main_gate");
    push(f, "main_gate_exit");
    const std::string press = f.kiosk_id("press_door");

    auto first = f.store.presence_after(0, {"grounds"}, press, 3);
    REQUIRE(first);
    CHECK(holders(first->rows) == std::vector<std::string>{"D002", "D003", "D004"});
    CHECK(first->more);
    auto rest = f.store.presence_after(first->cursor, {"grounds"}, press, 3);
    REQUIRE(rest);
    REQUIRE(rest->rows.size() == 2);
    CHECK(rest->rows.back().direction == Direction::exit);
    CHECK(rest->rows.back().holder == "D003");
    CHECK_FALSE(rest->more);
    auto none = f.store.presence_after(rest->cursor, {"grounds"}, press, 3);
    CHECK(none->rows.empty());
    CHECK_FALSE(none->more);
}

TEST_CASE("Desk presence: rows merged before the feed existed are in it", "[fleet][desk]") {
    DeskFleetFixture f;
    REQUIRE(f.scan("main_gate", "D002", day_two(9)).verdict == Verdict::granted);
    // A store built by `issuer audit merge` alone, then opened by the service.
    const std::string path = f.tmp.file("merged.db");
    {
        auto merged = AuditStore::open_for_merge(path, f.desk.event());
        REQUIRE(merged);
        LogContents log{f.kiosk_id("main_gate"), kEntryLogSchemaVersion, f.rows("main_gate"), {}};
        REQUIRE(merged->merge(log, "main_gate", "gate1/log.db"));
    }
    auto store = AuditStore::open_for_merge(path, f.desk.event());
    REQUIRE(store);
    REQUIRE(store->enable_presence_feed());
    auto batch = store->presence_after(0, {"grounds"}, "someone else", 10);
    REQUIRE(batch);
    CHECK(holders(batch->rows) == std::vector<std::string>{"D002"});
    // And merging more later feeds it too.
    REQUIRE(f.scan("main_gate", "D004", day_two(9, 2)).verdict == Verdict::granted);
    LogContents log{f.kiosk_id("main_gate"), kEntryLogSchemaVersion, f.rows("main_gate"), {}};
    REQUIRE(store->merge(log, "main_gate", "gate1/log.db"));
    auto more = store->presence_after(batch->cursor, {"grounds"}, "someone else", 10);
    CHECK(holders(more->rows) == std::vector<std::string>{"D004"});
}
