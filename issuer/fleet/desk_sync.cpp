#include "desk_sync.h"

#include "issuer/audit/kiosk_register.h"
#include "issuer/fleet/fleet_contact.h"
#include "issuer/fleet/fleet_registry.h"
#include "issuer/fleet/fleet_tables.h"
#include "issuer/fleet/zone_family.h"
#include "kiosk/log/checkpoint.h"

namespace accred {
namespace {

SyncOutcome refused(int status, std::string why) {
    SyncOutcome out;
    out.status = status;
    out.error = std::move(why);
    return out;
}

} // namespace

Outcome<DeskSync> DeskSync::open(Desk& desk, AuditStore& store) {
    if (auto s = ensure_fleet_tables(desk.db()); !s) return s.error();
    if (auto s = store.enable_presence_feed(); !s) return s.error();
    return DeskSync(desk, store);
}

SyncOutcome DeskSync::sync_body(const std::string& kiosk_id, std::string_view body,
                                const DeskOffer& offer, const SyncClock& clock) {
    auto request = sync_request_from_json(body);
    if (!request) return refused(400, "the sync request is not valid: " + request.error().message);
    return sync(kiosk_id, request.value(), offer, clock);
}

SyncOutcome DeskSync::sync(const std::string& kiosk_id, const SyncRequest& request,
                           const DeskOffer& offer, const SyncClock& clock) {
    auto found = find_fleet_kiosk(desk_->db(), kiosk_id);
    if (!found) return refused(500, found.error().message);
    if (!found.value())
        return refused(403, "kiosk " + kiosk_id + " is not registered at this desk");
    const FleetKiosk& kiosk = *found.value();
    if (kiosk.withdrawn_at) return refused(403, "kiosk " + kiosk_id + " was withdrawn");

    if (const auto& cp = request.checkpoint) { // checked before anything is stored
        if (cp->kiosk_id != kiosk_id || cp->kiosk_public_key != kiosk.key.bytes)
            return refused(400, "the checkpoint is not kiosk " + kiosk_id + "'s");
        if (!verify_checkpoint_signature(*cp))
            return refused(400, "the checkpoint is not validly signed by kiosk " + kiosk_id);
    }

    SyncOutcome out;
    auto appended = store_->append_verified(kiosk_id, kiosk.gate, "fleet sync", request.rows);
    if (!appended) return refused(400, appended.error().message);
    const AppendResult& result = appended.value();
    if (result.fork) {
        if (auto s = record_fork(desk_->db(), kiosk_id, *result.fork, clock.real_now); !s)
            return refused(500, s.error().message);
        out = refused(409, "row " + std::to_string(result.fork->seq) + " of kiosk " + kiosk_id +
                               " differs from the row the desk holds: its log was replaced or "
                               "rewritten (a fork); nothing stored, recorded for the audit");
        out.notes.push_back("kiosk " + kiosk_id + " (" + kiosk.gate + "): fork refused at row " +
                            std::to_string(result.fork->seq));
    } else if (const auto& cp = request.checkpoint; cp && cp->seq <= result.head) {
        // Kept only once the store holds the rows it covers: the audit of the store would
        // otherwise report them missing while they are on their way.
        auto stored = store_->add_checkpoint(*cp);
        Outcome<KeptCheckpoint> kept = stored ? keep_checkpoint(desk_->db(), *cp, clock.real_now)
                                              : Outcome<KeptCheckpoint>(stored.error());
        if (!kept) {
            out = refused(409, kept.error().message);
            out.notes.push_back("kiosk " + kiosk_id +
                                ": checkpoint refused: " + kept.error().message);
        }
    }
    if (result.gap)
        out.notes.push_back("kiosk " + kiosk_id + ": rows from " +
                            std::to_string(request.rows.front().seq) + " offered, the desk holds " +
                            std::to_string(result.head) + ": asked to resend");

    KioskContact contact;
    contact.kiosk_id = kiosk_id;
    contact.real_time = clock.real_now;
    contact.desk_time = clock.desk_time;
    contact.acked_seq = result.head;
    contact.log_seq = request.log_seq;
    contact.bundle_version = request.bundle_version;
    contact.revocations_version = request.revocations_version;
    contact.revocations_issued_at = request.revocations_issued_at;
    contact.kiosk_time = request.kiosk_time;
    contact.simulated_time = request.simulated_time;
    auto previous = record_contact(desk_->db(), contact);
    if (!previous) return refused(500, previous.error().message);
    if (!previous.value())
        out.notes.push_back("kiosk " + kiosk_id + " (" + kiosk.gate + ") first contact");
    else if (clock.real_now - *previous.value() >= 10)
        out.notes.push_back("kiosk " + kiosk_id + " (" + kiosk.gate + ") back after " +
                            std::to_string(clock.real_now - *previous.value()) + " s");
    if (out.status != 200) return out;

    SyncReply& reply = out.reply;
    reply.acked_seq = result.head;
    reply.bundle_version = offer.bundle_version;
    if (offer.revocations && offer.revocations->version > request.revocations_version) {
        // A sync message carries at most kMaxInlineRevocationBytes of update; one larger (tens
        // of thousands of revocations) must go to the gates as a file.
        if (offer.revocations->file.size() <= kMaxInlineRevocationBytes)
            reply.revocations = offer.revocations->file;
        else
            out.notes.push_back("revocation update " + std::to_string(offer.revocations->version) +
                                " is " + std::to_string(offer.revocations->file.size()) +
                                " bytes, too large to send in a sync: export it with `issuer "
                                "revocations` and install it with `kiosk update`");
    }
    const Gate* gate = desk_->event().find_gate(kiosk.gate);
    const auto zones = gate ? zone_family(desk_->event(), gate->zone) : std::vector<std::string>{};
    auto presence =
        store_->presence_after(request.presence_after, zones, kiosk_id, kMaxPresencePerSync);
    if (!presence) return refused(500, presence.error().message);
    reply.presence = std::move(presence->rows);
    reply.presence_cursor = presence->cursor;
    reply.more = presence->more;
    reply.desk_time = clock.desk_time;
    return out;
}

} // namespace accred
