// A desk workspace (demo event, real desk.db and audit.db in a TempDir) beside real kiosks whose
// engines write real logs (GateFixture), with the kiosks registered at the desk: what the desk's
// sync sees, without the network. The desk's event key is the GateFixture's, so that the kiosks'
// rows carry credentials the desk issued, as at a real event.
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
    // The desk's clock before the first sync: 2014-04-02 23:00 in Brussels, after every row the
    // tests log (rows dated ahead of the desk are not taken as fact).
    static constexpr std::int64_t kClockStart = 1396472400;
    // One sync of the kiosk at gate with the desk, at kClockStart + its number (real and desk
    // time alike).
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
    std::int64_t clock_ = kClockStart;
};

// Brussels time on 1 April 2014, the conference's second day.
std::int64_t day_two(int hour, int minute = 0);

} // namespace accred::test
