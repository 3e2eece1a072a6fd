#include "desk_sync.h"

#include "issuer/audit/kiosk_register.h"
#include "issuer/fleet/fleet_contact.h"
#include "issuer/fleet/fleet_registry.h"
#include "issuer/fleet/zone_family.h"
#include "entrylog/checkpoint.h"

namespace accred {
namespace {

SyncOutcome refused(int status, std::string why) {
    SyncOutcome out;
    out.status = status;
    out.error = std::move(why);
    return out;
}

// How many refused rows one sync names on the console; the rest are counted.
constexpr std::size_t kRefusalsNamed = 3;

void note_refusals(const std::string& kiosk_id, const std::string& gate,
                   const RowDistrust& distrusted, const AppendResult& result,
                   std::vector<std::string>& notes) {
    const std::uint64_t first_added = result.head - result.added + 1;
    std::size_t named = 0;
    for (const auto& [seq, why] : distrusted) {
        if (seq < first_added || seq > result.head) continue; // held already, said before
        if (named++ < kRefusalsNamed)
            notes.push_back("kiosk " + kiosk_id + " (" + gate + "): row " + std::to_string(seq) +
                            " kept as evidence, not acted on: " + why);
    }
    if (named > kRefusalsNamed)
        notes.push_back("kiosk " + kiosk_id + " (" + gate + "): " +
                        std::to_string(named - kRefusalsNamed) +
                        " more rows kept as evidence, not acted on (issuer audit verify)");
}

// Records the kiosk's contact (what it reported, and that the desk holds its rows 1..acked);
// notes a first contact, and a return after 10 s or more without one.
Status note_contact(Database& db, const std::string& kiosk_id, const std::string& gate,
                    const SyncRequest& request, std::uint64_t acked, const SyncClock& clock,
                    std::vector<std::string>& notes) {
    KioskContact contact;
    contact.kiosk_id = kiosk_id;
    contact.real_time = clock.real_now;
    contact.desk_time = clock.desk_time;
    contact.acked_seq = acked;
    contact.log_seq = request.log_seq;
    contact.bundle_version = request.bundle_version;
    contact.revocations_version = request.revocations_version;
    contact.revocations_issued_at = request.revocations_issued_at;
    contact.kiosk_time = request.kiosk_time;
    contact.simulated_time = request.simulated_time;
    auto previous = record_contact(db, contact);
    if (!previous) return previous.error();
    if (!previous.value())
        notes.push_back("kiosk " + kiosk_id + " (" + gate + ") first contact");
    else if (clock.real_now - *previous.value() >= 10)
        notes.push_back("kiosk " + kiosk_id + " (" + gate + ") back after " +
                        std::to_string(clock.real_now - *previous.value()) + " s");
    return success();
}

// Puts the desk's revocation update into the reply when the kiosk holds an older one.
void offer_revocations(const DeskOffer& offer, const SyncRequest& request, SyncReply& reply,
                       std::vector<std::string>& notes) {
    if (!offer.revocations || offer.revocations->version <= request.revocations_version) return;
    // A sync message carries at most kMaxInlineRevocationBytes of update; one larger (tens
    // of thousands of revocations) must go to the gates as a file.
    if (offer.revocations->file.size() <= kMaxInlineRevocationBytes)
        reply.revocations = offer.revocations->file;
    else
        notes.push_back("revocation update " + std::to_string(offer.revocations->version) +
                        " is " + std::to_string(offer.revocations->file.size()) +
                        " bytes, too large to send in a sync: export it with `issuer "
                        "revocations` and install it with `kiosk update`");
}

} // namespace

DeskSync::DeskSync(Desk& desk, AuditStore& store, std::unique_ptr<AuditContext> context)
    : desk_(&desk), store_(&store), context_(std::move(context)),
      evidence_(std::make_unique<RowEvidenceCheck>(*context_)) {}

Outcome<DeskSync> DeskSync::open(Desk& desk, AuditStore& store) {
    if (auto s = store.enable_presence_feed(); !s) return s.error();
    auto context = audit_context_from_desk(desk);
    if (!context) return context.error();
    return DeskSync(desk, store, std::make_unique<AuditContext>(std::move(context).value()));
}

RowDistrust DeskSync::distrust(const std::string& gate, const SyncRequest& request,
                               const SyncClock& clock) {
    RowDistrust out;
    for (const EntryRecord& row : request.rows) {
        auto why = evidence_->problem(row, gate);
        if (!why) why = row_time_problem(row, clock.real_now, clock.desk_time);
        if (why) out.emplace(row.seq, std::move(*why));
    }
    return out;
}

Status DeskSync::hand_down_presence(const std::string& kiosk_id, const std::string& gate_id,
                                    const SyncRequest& request, SyncReply& reply) {
    auto withdrawn = withdrawn_kiosk_ids(desk_->db());
    if (!withdrawn) return withdrawn.error();
    reply.presence_generation = withdrawn->size();
    // A kiosk that holds rows of an earlier generation may hold a withdrawn kiosk's: it forgets
    // them all, so it is handed the whole feed again.
    const std::uint64_t cursor =
        request.presence_generation == reply.presence_generation ? request.presence_after : 0;
    const Gate* gate = desk_->event().find_gate(gate_id);
    const auto zones = gate ? zone_family(desk_->event(), gate->zone) : std::vector<std::string>{};
    auto presence =
        store_->presence_after(cursor, zones, kiosk_id, kMaxPresencePerSync, withdrawn.value());
    if (!presence) return presence.error();
    reply.presence = std::move(presence->rows);
    reply.presence_cursor = presence->cursor;
    reply.more = presence->more;
    return success();
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
    const RowDistrust distrusted = distrust(kiosk.gate, request, clock);
    auto appended =
        store_->append_verified(kiosk_id, kiosk.gate, "fleet sync", request.rows, distrusted);
    if (!appended) return refused(400, appended.error().message);
    const AppendResult& result = appended.value();
    note_refusals(kiosk_id, kiosk.gate, distrusted, result, out.notes);
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

    if (auto s = note_contact(desk_->db(), kiosk_id, kiosk.gate, request, result.head, clock,
                              out.notes);
        !s)
        return refused(500, s.error().message);
    if (out.status != 200) return out;

    SyncReply& reply = out.reply;
    reply.acked_seq = result.head;
    reply.bundle_version = offer.bundle_version;
    offer_revocations(offer, request, reply, out.notes);
    if (auto s = hand_down_presence(kiosk_id, kiosk.gate, request, reply); !s)
        return refused(500, s.error().message);
    reply.desk_time = clock.desk_time;
    return out;
}

} // namespace accred
