// A desk workspace (demo event, real desk.db and audit.db in a TempDir) beside real kiosks whose
// engines write real logs (GateFixture), with the kiosks registered at the desk: what the desk's
// sync sees, without the network.
#pragma once

#include "issuer/audit/audit_store.h"
#include "issuer/desk.h"
#include "issuer/fleet/desk_sync.h"
#include "kiosk/gate_fixture.h"
#include "support/test_support.h"

#include <string>
#include <vector>

namespace accred::test {

class DeskFleetFixture {
  public:
    DeskFleetFixture();

    // The kiosk at gate, enrolled on first use and registered at the desk.
    GateEngine& kiosk(const std::string& gate);
    const std::string& kiosk_id(const std::string& gate) { return kiosk(gate).state().kiosk_id; }
    // A scan of person id's badge at gate at time; REQUIREs that it was logged.
    EntryRecord scan(const std::string& gate, const std::string& id, std::int64_t time);
    // Every row of the kiosk's log.
    std::vector<EntryRecord> rows(const std::string& gate);
    // A request carrying rows (log_seq = the last row's seq).
    static SyncRequest request(const std::vector<EntryRecord>& rows);
    // One sync of the kiosk at gate with the desk, at real time 1000 (+ call count).
    SyncOutcome sync(const std::string& gate, const SyncRequest& request,
                     const DeskOffer& offer = {});
    // How many rows the audit store holds (all kiosks).
    std::int64_t stored_rows();

    TempDir tmp;
    GateFixture gates;
    Desk desk;
    AuditStore store;
    DeskSync desk_sync;

  private:
    std::int64_t clock_ = 1000;
};

// Brussels time on 1 April 2014, the conference's second day.
std::int64_t day_two(int hour, int minute = 0);

} // namespace accred::test
