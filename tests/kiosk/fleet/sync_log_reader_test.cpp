// The sync's batch builder on a real log written by a real engine: exactly the rows after the
// desk's acknowledgement, consecutive, at most the limit, with a checkpoint that covers nothing
// beyond them, read through its own connection while the engine keeps writing.
#include "kiosk/fleet/fleet_fixture.h"
#include "kiosk/fleet/sync_log_reader.h"

#include <catch2/catch.hpp>
#include <thread>

using namespace accred;
using namespace accred::test;

namespace {

// A scan that is no badge: decided and logged (malformed) at once, without verification cost.
void decide_noise(GateEngine& engine, int n, std::int64_t from) {
    for (int i = 0; i < n; ++i)
        (void)engine.handle_scan("NOT A BADGE " + std::to_string(i), from + i);
}

void check_batch(const SyncBatch& b, std::uint64_t acked, std::size_t limit) {
    CHECK(b.rows.size() <= limit);
    for (std::size_t i = 0; i < b.rows.size(); ++i) {
        REQUIRE(b.rows[i].seq == acked + 1 + i);
        if (i > 0) CHECK(b.rows[i].prev_hash == b.rows[i - 1].hash);
    }
    if (b.checkpoint) CHECK(b.checkpoint->seq <= b.sent_to(acked));
    CHECK(b.sent_to(acked) <= b.log_seq);
}

} // namespace

TEST_CASE("The sync batch is the rows after the acknowledged one, at most the limit",
          "[fleet][kiosk]") {
    auto f = make_fleet_fixture();
    GateEngine& engine = f->kiosk("main_gate");
    decide_noise(engine, 30, kDayOne);
    auto reader = SyncLogReader::open(engine.state().dir + "/log.db", engine.state().kiosk_id);
    INFO((reader ? std::string() : reader.error().message));
    REQUIRE(reader);

    auto all = reader->read(0, 500);
    REQUIRE(all);
    CHECK(all->log_seq == 30);
    REQUIRE(all->rows.size() == 30);
    check_batch(all.value(), 0, 500);
    auto stored = engine.log().rows();
    REQUIRE(stored);
    CHECK(all->rows == stored.value());

    auto middle = reader->read(10, 5);
    REQUIRE(middle);
    check_batch(middle.value(), 10, 5);
    REQUIRE(middle->rows.size() == 5);
    CHECK(middle->rows.front().seq == 11);
    CHECK(middle->log_seq == 30);

    auto none = reader->read(30, 500);
    REQUIRE(none);
    CHECK(none->rows.empty());
    CHECK(none->log_seq == 30);

    // The newest checkpoint goes up only once the desk will hold every row it names.
    auto cp = engine.checkpoint(kDayOne + 100);
    REQUIRE(cp);
    REQUIRE(cp->seq == 30);
    auto before = reader->read(0, 10);
    REQUIRE(before);
    CHECK((!before->checkpoint || before->checkpoint->seq <= 10));
    auto after = reader->read(25, 500);
    REQUIRE(after);
    REQUIRE(after->checkpoint);
    CHECK(after->checkpoint.value() == cp.value());
}

TEST_CASE("The sync reads its batches beside the engine while the engine keeps writing",
          "[fleet][kiosk]") {
    auto f = make_fleet_fixture();
    GateEngine& engine = f->kiosk("main_gate");
    const std::string log = engine.state().dir + "/log.db";
    const std::string id = engine.state().kiosk_id;
    decide_noise(engine, 5, kDayOne);
    auto reader = SyncLogReader::open(log, id);
    REQUIRE(reader);

    constexpr int kWrites = 120;
    std::thread writer([&] { decide_noise(engine, kWrites, kDayOne + 10); });
    std::uint64_t acked = 0;
    std::vector<EntryRecord> sent;
    int reads = 0;
    // A desk that takes every batch: acked moves to each batch's end, 7 rows at a time.
    while (acked < 5 + kWrites && reads < 100000) {
        auto batch = reader->read(acked, 7);
        REQUIRE(batch);
        check_batch(batch.value(), acked, 7);
        acked = batch->sent_to(acked);
        sent.insert(sent.end(), batch->rows.begin(), batch->rows.end());
        ++reads;
    }
    writer.join();
    auto stored = engine.log().rows();
    REQUIRE(stored);
    REQUIRE(stored->size() == 5 + kWrites);
    CHECK(sent == stored.value()); // every row exactly once, in order, as the engine wrote it
    CHECK(engine.log().head_seq() == 5 + kWrites); // and the engine never failed a write
}

TEST_CASE("The sync's reader refuses another kiosk's log", "[fleet][kiosk]") {
    auto f = make_fleet_fixture();
    GateEngine& main = f->kiosk("main_gate");
    GateEngine& side = f->kiosk("side_gate");
    auto reader = SyncLogReader::open(main.state().dir + "/log.db", side.state().kiosk_id);
    REQUIRE_FALSE(reader);
    CHECK_THAT(reader.error().message, Catch::Contains("belongs to kiosk"));
}
