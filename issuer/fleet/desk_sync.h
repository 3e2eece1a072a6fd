// The desk's side of POST /v1/sync (docs/fleet.md), without the network: issuer serve calls it
// with the kiosk named by the TLS handshake; tests call it directly.
//
// Takes a kiosk's rows into the desk's audit store (DESK/audit.db) exactly once whatever is lost
// or repeated, keeps its checkpoint, records the contact, and answers with what the kiosk lacks:
// the acknowledged head, the newest bundle version, a newer revocation update, and other kiosks'
// rows that change presence in its gate's zones.
#pragma once

#include "fleet/protocol/sync_messages.h"
#include "issuer/audit/audit_context.h"
#include "issuer/audit/audit_store.h"
#include "issuer/audit/row_evidence.h"
#include "issuer/desk.h"
#include "issuer/fleet/published_revocations.h"

#include <cstdint>
#include <memory>
#include <string>
#include <string_view>
#include <vector>

namespace accred {

// What the desk offers at the moment of a sync.
struct DeskOffer {
    std::uint64_t bundle_version = 0;                        // the newest exported bundle (0: none)
    std::shared_ptr<const PublishedRevocations> revocations; // the newest published update
};

// The two clocks of a sync: real for the records, the desk's (simulated under --now) for replies.
struct SyncClock {
    std::int64_t real_now = 0;
    std::int64_t desk_time = 0;
};

struct SyncOutcome {
    int status = 200;  // 200, or 400 (bad request), 403 (not admitted), 409 (a fork), 500
    std::string error; // why, in words, when status is not 200
    SyncReply reply;   // when status is 200
    std::vector<std::string> notes; // notable events for the desk's console ("first contact"...)
};

class DeskSync {
  public:
    // Prepares desk.db's fleet tables and the store's presence feed. Both objects must outlive
    // the DeskSync and be used by one thread at a time (issuer serve holds one lock around it).
    static Outcome<DeskSync> open(Desk& desk, AuditStore& store);

    // One sync of kiosk_id (the peer's identity, never taken from the request). Refuses with 403
    // a kiosk not registered or withdrawn; with 400 rows naming another kiosk or gate, or failing
    // their hash, link or field checks, and a checkpoint not validly signed by the kiosk; with
    // 409 rows (or a checkpoint) that differ from those held, recorded in desk.db's fleet_forks.
    // Refused rows store nothing; a checkpoint refused after its batch's rows were stored leaves
    // those rows (they passed every check of their own). A gap (rows after the held head) is
    // answered normally with acked_seq = the held head, so the kiosk resends from there.
    //
    // A row that chains correctly but cannot be taken as fact (its credential does not verify,
    // its zone or direction is not its gate's, it is dated ahead of the desk: row_evidence.h) is
    // stored and acknowledged, so the chain goes on, and kept in the store's refused_rows; it is
    // never handed to another kiosk, and the console says so. Presence handed down never
    // includes a withdrawn kiosk's rows; after a withdrawal (a new presence generation) a kiosk
    // asking with an older generation gets the feed again from its start.
    SyncOutcome sync(const std::string& kiosk_id, const SyncRequest& request,
                     const DeskOffer& offer, const SyncClock& clock);

    // sync() on a request body as it came over the wire (400 when it does not parse).
    SyncOutcome sync_body(const std::string& kiosk_id, std::string_view body,
                          const DeskOffer& offer, const SyncClock& clock);

  private:
    DeskSync(Desk& desk, AuditStore& store, std::unique_ptr<AuditContext> context);
    // Every row of the push that may not be taken as fact, with why.
    RowDistrust distrust(const std::string& gate, const SyncRequest& request,
                         const SyncClock& clock);
    // The reply's presence part, for a kiosk at gate.
    Status hand_down_presence(const std::string& kiosk_id, const std::string& gate,
                              const SyncRequest& request, SyncReply& reply);

    Desk* desk_;
    AuditStore* store_;
    std::unique_ptr<AuditContext> context_;    // the event's keys and gates, for the evidence
    std::unique_ptr<RowEvidenceCheck> evidence_; // refers to *context_
};

} // namespace accred
