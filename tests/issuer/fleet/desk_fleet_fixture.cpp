#include "desk_fleet_fixture.h"

#include "crypto/key_file.h"
#include "issuer/audit/kiosk_register.h"
#include "support/demo_event.h"

#include <catch2/catch.hpp>
#include <filesystem>

namespace accred::test {
namespace {

// A desk whose event key is the one the gates' credentials are signed with.
Desk make_desk(const TempDir& tmp, const GateFixture& gates) {
    const std::string dir = tmp.file("desk");
    REQUIRE(Desk::create(dir, demo_event_toml(), demo_event(), "desk passphrase",
                         KdfCost::minimum_for_tests()));
    std::filesystem::remove(dir + "/event.pub");
    std::filesystem::remove(dir + "/event.key");
    REQUIRE(write_public_key_file(dir + "/event.pub", gates.event_key().public_key()));
    REQUIRE(write_secret_key_file(dir + "/event.key", gates.event_key(), "desk passphrase",
                                  KdfCost::minimum_for_tests()));
    auto desk = Desk::open(dir);
    REQUIRE(desk);
    return std::move(desk).value();
}

AuditStore make_store(const Desk& desk) {
    auto store = AuditStore::open_for_merge(desk.dir() + "/audit.db", desk.event());
    REQUIRE(store);
    return std::move(store).value();
}

DeskSync make_sync(Desk& desk, AuditStore& store) {
    auto sync = DeskSync::open(desk, store);
    REQUIRE(sync);
    return std::move(sync).value();
}

} // namespace

std::int64_t day_two(int hour, int minute) {
    return brussels(1, 4, hour, minute);
}

DeskFleetFixture::DeskFleetFixture()
    : gates(brussels(28, 3, 10)), desk(make_desk(tmp, gates)), store(make_store(desk)),
      desk_sync(make_sync(desk, store)) {}

GateEngine& DeskFleetFixture::kiosk(const std::string& gate) {
    GateEngine& engine = gates.kiosk(gate);
    REQUIRE(register_kiosk(desk.db(), engine.state().kiosk_key, gate, 0));
    return engine;
}

EntryRecord DeskFleetFixture::scan(const std::string& gate, const std::string& id,
                                   std::int64_t time) {
    const Reported r = kiosk(gate).handle_scan(gates.credential(id), time);
    REQUIRE(r.row);
    return *r.row;
}

std::vector<EntryRecord> DeskFleetFixture::rows(const std::string& gate) {
    auto rows = kiosk(gate).log().rows();
    REQUIRE(rows);
    return rows.value();
}

SyncRequest DeskFleetFixture::request(const std::vector<EntryRecord>& rows) {
    SyncRequest r;
    r.rows = rows;
    r.log_seq = rows.empty() ? 0 : rows.back().seq;
    return r;
}

SyncOutcome DeskFleetFixture::sync(const std::string& gate, const SyncRequest& request,
                                   const DeskOffer& offer) {
    ++clock_;
    return desk_sync.sync(kiosk_id(gate), request, offer, SyncClock{clock_, clock_});
}

std::int64_t DeskFleetFixture::stored_rows() {
    auto q = store.db().prepare("SELECT count(*) FROM entries");
    REQUIRE(q);
    REQUIRE(q->step().value());
    return q->column_int(0);
}

} // namespace accred::test
