// A real day at the demo event for the audit tests: kiosks at several gates (real GateEngine,
// real signed credentials, real SQLite logs), the desk's register of their keys and the
// checkpoints it keeps, and helpers to copy and tamper with the log files.
#pragma once

#include "issuer/audit/audit_context.h"
#include "kiosk/gate_fixture.h"
#include "entrylog/entry_store.h"

#include <string>
#include <vector>

namespace accred::test {

class AuditScenario {
  public:
    // Decisions at main_gate, building_door, plenary_door, hls_door and hls_exit on 1 April
    // 2014: grants, a passback, a revoked badge (D003), repeated denials and a supervisor's
    // override at the session room, and one badge at two distant gates within a minute. Then
    // every kiosk signs a checkpoint the desk keeps.
    AuditScenario();

    GateFixture& fixture() { return fixture_; }
    GateEngine& kiosk(const std::string& gate) { return fixture_.kiosk(gate); }
    // The trust an auditor has: the event, its key, the registered kiosks, the desk checkpoints.
    AuditContext context() const;
    // Signs a checkpoint at gate now and keeps it as the desk's newest for that kiosk.
    void desk_checkpoint(const std::string& gate, std::int64_t now);
    std::string log_path(const std::string& gate) const;
    // A consistent copy of gate's live log (VACUUM INTO, so the WAL is included), under name.
    std::string copy_log(const std::string& gate, const std::string& name);
    std::string file(const std::string& name) const { return tmp_.file(name); }
    std::vector<std::string> gates() const { return gates_; }

  private:
    GateFixture fixture_;
    TempDir tmp_;
    std::vector<std::string> gates_;
    std::map<std::string, Checkpoint> desk_checkpoints_;
};

// One scenario shared by the tests that only read its logs (each builds it in seconds: kiosks
// enrolled, durable appends, a supervisor PIN checked with Argon2id). Tests that change it make
// their own.
AuditScenario& shared_scenario();

// Runs SQL on a log file as a tamperer would (its own read-write connection).
void tamper_sql(const std::string& path, const std::string& sql);

// Writes a brand-new log file holding exactly these rows and checkpoints (as a tamperer with the
// real storage code would), hashes and seqs as given.
void write_log_file(const std::string& path, const std::string& kiosk_id,
                    const std::vector<EntryRecord>& rows,
                    const std::vector<Checkpoint>& checkpoints);

// Recomputes prev_hash and hash of every row from the first, seq 1, 2, 3...: a consistent chain.
void rechain(std::vector<EntryRecord>& rows);

} // namespace accred::test
