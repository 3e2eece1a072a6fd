#include "audit_scenario.h"

#include "crypto/public_key.h"
#include "entrylog/entry_chain.h"

#include <catch2/catch.hpp>

namespace accred::test {
namespace {

std::int64_t at(int hour, int minute) {
    return brussels(1, 4, hour, minute);
}

void scan(GateFixture& f, const std::string& gate, const std::string& id, std::int64_t t) {
    const Reported r = f.kiosk(gate).handle_scan(f.credential(id), t);
    REQUIRE(r.row);
}

// D003 revoked; a side gate into the grounds besides the main gate (two doors into one zone).
void edit_bundle(KioskBundle& b) {
    CredentialId cti{};
    const std::string id = "D003";
    std::copy(id.begin(), id.end(), cti.begin());
    b.revocations.revoked = {cti};
    Gate side = *b.event.find_gate("main_gate");
    side.id = "side_gate";
    side.name = "Side gate";
    b.event.gates.push_back(side);
}

} // namespace

AuditScenario::AuditScenario()
    : fixture_(at(6, 0), edit_bundle), gates_{"main_gate",    "side_gate", "building_door",
                                              "plenary_door", "hls_door",  "hls_exit"} {
    GateFixture& f = fixture_;
    const std::vector<std::string> people{"P002", "M001", "D001", "D002", "K003"};
    for (const auto& id : people)
        scan(f, "main_gate", id, at(8, 0));
    scan(f, "main_gate", "D003", at(8, 1)); // revoked
    scan(f, "main_gate", "D001", at(8, 5)); // already inside: passback
    // A copy of D001's badge at the side gate: granted there (that kiosk has not seen D001),
    // which only the audit can see.
    scan(f, "side_gate", "D001", at(8, 20));
    for (const auto& id : people)
        scan(f, "building_door", id, at(8, 10));
    for (const auto& id : people)
        scan(f, "plenary_door", id, at(9, 0));
    scan(f, "hls_door", "P002", at(14, 5));
    scan(f, "hls_door", "M001", at(14, 5));
    for (int i = 0; i < 3; ++i)
        scan(f, "hls_door", "D002", at(14, 6 + i)); // repeated denials
    const Reported wrong = f.kiosk("hls_door").override_last("duty_officer", "999999", at(14, 9));
    REQUIRE(wrong.row); // a wrong PIN: a pin_rejected row
    const Reported o = f.kiosk("hls_door").override_last("duty_officer", "246810", at(14, 9));
    REQUIRE(o.row);
    scan(f, "main_gate", "M001", at(14, 5) + 20); // the same badge at a distant gate, 20 s later
    scan(f, "hls_exit", "M001", at(16, 0));
    scan(f, "hls_exit", "D002", at(16, 1));
    // The exit's guard locked the kiosk for a moment; a supervisor unlocked it.
    REQUIRE(f.kiosk("hls_exit").unlock("duty_officer", "246810", at(16, 30)).result ==
            PinCheck::accepted);
    for (const auto& g : gates_)
        desk_checkpoint(g, at(17, 0));
}

AuditContext AuditScenario::context() const {
    AuditContext c;
    c.event = fixture_.bundle().event;
    c.credential_keys.add(fixture_.event_key().public_key());
    auto& self = const_cast<AuditScenario&>(*this);
    for (const auto& g : gates_) {
        const KioskState& s = self.fixture_.kiosk(g).state();
        RegisteredKiosk k{s.kiosk_id, s.kiosk_key, g, 0, std::nullopt};
        if (auto it = desk_checkpoints_.find(s.kiosk_id); it != desk_checkpoints_.end())
            k.checkpoint = it->second;
        c.kiosks.push_back(k);
        if (k.checkpoint) c.newest_checkpoints[k.kiosk_id] = *k.checkpoint;
    }
    return c;
}

void AuditScenario::desk_checkpoint(const std::string& gate, std::int64_t now) {
    auto cp = fixture_.kiosk(gate).checkpoint(now);
    REQUIRE(cp);
    desk_checkpoints_[cp->kiosk_id] = cp.value();
}

std::string AuditScenario::log_path(const std::string& gate) const {
    return fixture_.dir() + "/kiosk-" + gate + "/log.db";
}

std::string AuditScenario::copy_log(const std::string& gate, const std::string& name) {
    const std::string to = tmp_.file(name);
    auto db = Database::open(log_path(gate), Database::Mode::read_write_create);
    REQUIRE(db);
    auto q = db->prepare("VACUUM INTO ?1");
    REQUIRE(q);
    REQUIRE(q->bind(1, to).run());
    return to;
}

AuditScenario& shared_scenario() {
    static AuditScenario scenario;
    return scenario;
}

void tamper_sql(const std::string& path, const std::string& sql) {
    auto db = Database::open(path, Database::Mode::read_write_create);
    REQUIRE(db);
    const auto done = db->exec(sql);
    INFO((done ? "" : done.error().message));
    REQUIRE(done);
}

void write_log_file(const std::string& path, const std::string& kiosk_id,
                    const std::vector<EntryRecord>& rows,
                    const std::vector<Checkpoint>& checkpoints) {
    std::remove(path.c_str());
    auto db = Database::open(path, Database::Mode::read_write_create);
    REQUIRE(db);
    REQUIRE(in_transaction(db.value(), [&]() -> Status {
        if (auto s = entry_store::create_schema(db.value(), kiosk_id); !s) return s;
        for (const auto& r : rows)
            if (auto s = entry_store::insert_row(db.value(), r); !s) return s;
        for (const auto& c : checkpoints)
            if (auto s = entry_store::insert_checkpoint(db.value(), c); !s) return s;
        return success();
    }));
}

void rechain(std::vector<EntryRecord>& rows) {
    Hash32 prev{};
    std::uint64_t seq = 0;
    for (auto& r : rows) {
        r.seq = ++seq;
        r.prev_hash = prev;
        r.hash = entry_hash(r);
        prev = r.hash;
    }
}

} // namespace accred::test
