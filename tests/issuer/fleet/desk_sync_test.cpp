// The desk's ingestion of a kiosk's rows (DeskSync, docs/fleet.md "Why it is safe to cut at any
// point"): exactly once, resumable, gaps answered with the head, forks and foreign or damaged
// rows refused with nothing stored.
#include "desk_fleet_fixture.h"
#include "issuer/audit/kiosk_register.h"
#include "issuer/fleet/fleet_registry.h"
#include "entrylog/entry_chain.h"

#include <catch2/catch.hpp>

using namespace accred;
using accred::test::day_two;
using accred::test::DeskFleetFixture;

namespace {

// Five decisions at the main gate on day two (four people, one of them twice: a passback).
std::vector<EntryRecord> five_rows(DeskFleetFixture& f) {
    for (const char* id : {"D001", "D002", "D003", "D004"})
        f.scan("main_gate", id, day_two(9));
    f.scan("main_gate", "D001", day_two(9, 5));
    auto rows = f.rows("main_gate");
    REQUIRE(rows.size() == 5);
    return rows;
}

std::int64_t count(Database& db, const char* sql) {
    auto q = db.prepare(sql);
    REQUIRE(q);
    REQUIRE(q->step().value());
    return q->column_int(0);
}

// The rows as a rewritten log would have them from row `from` on: one field changed, every later
// hash recomputed, so the chain is sound but another history.
std::vector<EntryRecord> rewritten(std::vector<EntryRecord> rows, std::size_t from) {
    rows[from - 1].time += 60;
    for (std::size_t i = from - 1; i < rows.size(); ++i) {
        if (i > 0) rows[i].prev_hash = rows[i - 1].hash;
        rows[i].hash = entry_hash(rows[i]);
    }
    return rows;
}

} // namespace

TEST_CASE("Desk sync: the same rows twice are stored once", "[fleet][desk]") {
    DeskFleetFixture f;
    const auto rows = five_rows(f);
    const auto first = f.sync("main_gate", DeskFleetFixture::request(rows));
    REQUIRE(first.status == 200);
    CHECK(first.reply.acked_seq == 5);
    CHECK(f.stored_rows() == 5);
    const auto again = f.sync("main_gate", DeskFleetFixture::request(rows));
    REQUIRE(again.status == 200);
    CHECK(again.reply.acked_seq == 5);
    CHECK(f.stored_rows() == 5);
    // The store holds the kiosk's chain as logged: the audit verifies it from the store alone.
    auto logs = f.store.kiosk_logs();
    REQUIRE(logs);
    REQUIRE(logs->size() == 1);
    CHECK(logs->front().rows == rows);
    CHECK_FALSE(verify_chain(logs->front().rows).has_value());
}

TEST_CASE("Desk sync: resumes after a cut", "[fleet][desk]") {
    DeskFleetFixture f;
    const auto rows = five_rows(f);
    const std::vector<EntryRecord> half(rows.begin(), rows.begin() + 2);
    REQUIRE(f.sync("main_gate", DeskFleetFixture::request(half)).reply.acked_seq == 2);
    // The reply was lost: the kiosk sends everything from row 1 again, with the rest.
    const auto all = f.sync("main_gate", DeskFleetFixture::request(rows));
    REQUIRE(all.status == 200);
    CHECK(all.reply.acked_seq == 5);
    CHECK(f.stored_rows() == 5);
    // Then only what follows the acknowledged head.
    f.scan("main_gate", "D005", day_two(9, 10));
    const auto more = f.rows("main_gate");
    const auto next = f.sync("main_gate", DeskFleetFixture::request({more.back()}));
    CHECK(next.reply.acked_seq == 6);
    CHECK(f.stored_rows() == 6);
}

TEST_CASE("Desk sync: a gap is answered with the head, nothing stored", "[fleet][desk]") {
    DeskFleetFixture f;
    const auto rows = five_rows(f);
    REQUIRE(f.sync("main_gate", DeskFleetFixture::request({rows[0], rows[1]})).status == 200);
    const auto gap = f.sync("main_gate", DeskFleetFixture::request({rows[3], rows[4]}));
    REQUIRE(gap.status == 200);
    CHECK(gap.reply.acked_seq == 2);
    CHECK(f.stored_rows() == 2);
    REQUIRE(gap.notes.size() == 1);
    CHECK_THAT(gap.notes.front(), Catch::Contains("resend"));
    // The kiosk resends from the head: everything arrives.
    const auto resent =
        f.sync("main_gate", DeskFleetFixture::request({rows.begin() + 2, rows.end()}));
    CHECK(resent.reply.acked_seq == 5);
    CHECK(f.stored_rows() == 5);
}

TEST_CASE("Desk sync: a fork is refused with 409, recorded, nothing stored", "[fleet][desk]") {
    DeskFleetFixture f;
    const auto rows = five_rows(f);
    REQUIRE(f.sync("main_gate", DeskFleetFixture::request({rows.begin(), rows.begin() + 3}))
                .reply.acked_seq == 3);
    const std::string kiosk = f.kiosk_id("main_gate");

    SECTION("a held row rewritten") {
        const auto other = rewritten(rows, 2);
        const auto refused = f.sync("main_gate", DeskFleetFixture::request(other));
        CHECK(refused.status == 409);
        CHECK_THAT(refused.error, Catch::Contains("row 2"));
        CHECK(f.stored_rows() == 3);
        // Offered again: still one fork, counted twice.
        CHECK(f.sync("main_gate", DeskFleetFixture::request(other)).status == 409);
        CHECK(count(f.desk.db(), "SELECT count(*) FROM fleet_forks") == 1);
        CHECK(count(f.desk.db(), "SELECT times FROM fleet_forks") == 2);
    }
    SECTION("new rows that do not link to the held head") {
        const auto other = rewritten(rows, 3);
        const auto refused =
            f.sync("main_gate", DeskFleetFixture::request({other.begin() + 3, other.end()}));
        CHECK(refused.status == 409);
        CHECK(f.stored_rows() == 3);
        CHECK(count(f.desk.db(), "SELECT seq FROM fleet_forks") == 3);
    }
    // The rows held are the original ones.
    auto head = f.store.head(kiosk);
    REQUIRE(head);
    CHECK(head->first == 3);
    CHECK(head->second == rows[2].hash);
}

TEST_CASE("Desk sync: rows of another kiosk, or damaged, are refused", "[fleet][desk]") {
    DeskFleetFixture f;
    const auto rows = five_rows(f);

    SECTION("rows claiming another kiosk id") {
        f.scan("press_door", "X001", day_two(9));
        const auto press = f.rows("press_door");
        const auto refused = f.sync("main_gate", DeskFleetFixture::request(press));
        CHECK(refused.status == 400);
        CHECK_THAT(refused.error, Catch::Contains("not the sender"));
    }
    SECTION("a bad hash") {
        auto bad = rows;
        bad[1].hash[0] ^= 1;
        const auto refused = f.sync("main_gate", DeskFleetFixture::request(bad));
        CHECK(refused.status == 400);
        CHECK_THAT(refused.error, Catch::Contains("row 2"));
    }
    SECTION("a field changed without its hash") {
        auto bad = rows;
        bad[2].holder = "P001";
        CHECK(f.sync("main_gate", DeskFleetFixture::request(bad)).status == 400);
    }
    SECTION("a row breaking the field rules, hashed anew") {
        auto bad = rows;
        bad[0].admitted = !bad[0].admitted; // a grant that did not open the door
        bad[0].hash = entry_hash(bad[0]);
        CHECK(f.sync("main_gate", DeskFleetFixture::request({bad[0]})).status == 400);
    }
    SECTION("seqs that do not run on") {
        CHECK(f.sync("main_gate", DeskFleetFixture::request({rows[0], rows[2]})).status == 400);
    }
    SECTION("a request that does not parse") {
        const auto refused =
            f.desk_sync.sync_body(f.kiosk_id("main_gate"), "{\"rows\": 5}", {}, SyncClock{1, 1});
        CHECK(refused.status == 400);
    }
    CHECK(f.stored_rows() == 0);
}

TEST_CASE("Desk sync: a withdrawn or unknown kiosk is refused with 403", "[fleet][desk]") {
    DeskFleetFixture f;
    const auto rows = five_rows(f);
    const std::string kiosk = f.kiosk_id("main_gate");
    REQUIRE(withdraw_kiosk(f.desk.db(), kiosk, 10).value());
    const auto refused = f.sync("main_gate", DeskFleetFixture::request(rows));
    CHECK(refused.status == 403);
    CHECK(f.stored_rows() == 0);
    CHECK_FALSE(withdraw_kiosk(f.desk.db(), kiosk, 11).value()); // already: kept as it was
    CHECK_FALSE(admitted_kiosk_ids(f.desk.db())->contains(kiosk));

    const auto unknown =
        f.desk_sync.sync("0000-0000-0000-0000", DeskFleetFixture::request({}), {}, SyncClock{1, 1});
    CHECK(unknown.status == 403);
    CHECK_FALSE(withdraw_kiosk(f.desk.db(), "0000-0000-0000-0000", 1));
}

TEST_CASE("Desk sync: the checkpoint is kept once its rows are held", "[fleet][desk]") {
    DeskFleetFixture f;
    const auto rows = five_rows(f);
    auto cp = f.kiosk("main_gate").checkpoint(day_two(9, 6));
    REQUIRE(cp);
    REQUIRE(cp->seq == 5);
    auto request = DeskFleetFixture::request({rows.begin(), rows.begin() + 3});
    request.checkpoint = cp.value();
    REQUIRE(f.sync("main_gate", request).status == 200);
    CHECK(count(f.store.db(), "SELECT count(*) FROM checkpoints") == 0); // rows 4, 5 not yet held
    request = DeskFleetFixture::request(rows);
    request.checkpoint = cp.value();
    REQUIRE(f.sync("main_gate", request).status == 200);
    CHECK(count(f.store.db(), "SELECT count(*) FROM checkpoints") == 1);
    auto kiosks = registered_kiosks(f.desk.db());
    REQUIRE(kiosks);
    REQUIRE(kiosks->front().checkpoint);
    CHECK(kiosks->front().checkpoint->seq == 5);

    SECTION("one signed by another key is refused") {
        auto forged = cp.value();
        forged.signature[3] ^= 1;
        request.checkpoint = forged;
        CHECK(f.sync("main_gate", request).status == 400);
    }
}
