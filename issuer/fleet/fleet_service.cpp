#include "fleet_service.h"

#include "crypto/file_io.h"
#include "issuer/fleet/fleet_contact.h"
#include "issuer/fleet/fleet_registry.h"

#include <ctime>

namespace accred {
namespace {

ServiceReply error_reply(int status, const std::string& why) {
    return ServiceReply{status, why + "\n", "text/plain; charset=utf-8"};
}

} // namespace

FleetService::FleetService(Desk desk, AuditStore store, SigningKey key, DeskClock clock, Say say)
    : desk_(std::move(desk)), store_(std::move(store)), key_(std::move(key)),
      clock_(std::move(clock)), say_(std::move(say)), shelf_(desk_.dir()) {}

Outcome<std::unique_ptr<FleetService>> FleetService::open(const std::string& desk_dir,
                                                          SigningKey event_key,
                                                          DeskClock desk_clock, Say say) {
    auto desk = Desk::open(desk_dir);
    if (!desk) return desk.error();
    auto store = AuditStore::open_for_merge(desk_audit_store_path(desk_dir), desk->event());
    if (!store) return store.error();
    std::unique_ptr<FleetService> service(
        new FleetService(std::move(desk).value(), std::move(store).value(), std::move(event_key),
                         std::move(desk_clock), std::move(say)));
    auto sync = DeskSync::open(service->desk_, service->store_);
    if (!sync) return sync.error();
    service->sync_.emplace(std::move(sync).value());
    auto publisher = RevocationPublisher::open(service->desk_);
    if (!publisher) return publisher.error();
    service->publisher_.emplace(std::move(publisher).value());
    service->published_ = service->publisher_->current();
    if (auto s = service->poll(); !s) return s.error();
    return service;
}

SyncClock FleetService::now() const {
    return SyncClock{static_cast<std::int64_t>(std::time(nullptr)), clock_()};
}

bool FleetService::admit(const std::string& kiosk_id) const {
    std::lock_guard lock(snapshot_mutex_);
    return admitted_ && admitted_->contains(kiosk_id);
}

ServiceReply FleetService::sync(const std::string& kiosk_id, std::string_view body) {
    // Checked here too: a kiosk withdrawn while its keep-alive connection stays open.
    if (!admit(kiosk_id)) return error_reply(403, "kiosk " + kiosk_id + " is not admitted");
    DeskOffer offer;
    offer.bundle_version = shelf_.newest_version();
    {
        std::lock_guard lock(snapshot_mutex_);
        offer.revocations = published_;
    }
    SyncOutcome out;
    {
        std::lock_guard lock(db_mutex_);
        out = sync_->sync_body(kiosk_id, body, offer, now());
    }
    for (const auto& note : out.notes)
        say_(note);
    if (out.status != 200) {
        if (out.status != 409) say_("kiosk " + kiosk_id + ": " + out.error);
        return error_reply(out.status, out.error);
    }
    return ServiceReply{200, sync_reply_to_json(out.reply), "application/json"};
}

// A whole bundle handed down over the network is held in memory while it is sent; a fleet of a
// 100 000-person event is enrolled from a file and then takes deltas (docs/fleet.md).
constexpr std::size_t kMaxServedBundleBytes = std::size_t{1} << 30;

ServiceReply FleetService::bundle(const std::string& kiosk_id) {
    if (!admit(kiosk_id)) return error_reply(403, "kiosk " + kiosk_id + " is not admitted");
    std::uint64_t held = 0;
    {
        std::lock_guard lock(db_mutex_);
        auto version = kiosk_bundle_version(desk_.db(), kiosk_id);
        if (!version) return error_reply(500, version.error().message);
        held = version.value();
    }
    const auto best = shelf_.best_for(held);
    if (!best)
        return error_reply(404, "no bundle exported for a kiosk holding version " +
                                    std::to_string(held) + " (issuer bundle)");
    auto bytes = read_small_file(best->path, kMaxServedBundleBytes);
    if (!bytes) return error_reply(500, bytes.error().message);
    return ServiceReply{200, std::move(bytes).value(), "application/octet-stream"};
}

Status FleetService::poll() {
    std::shared_ptr<const PublishedRevocations> fresh;
    std::shared_ptr<const std::set<std::string>> admitted;
    {
        std::lock_guard lock(db_mutex_);
        auto ids = admitted_kiosk_ids(desk_.db());
        if (!ids) return ids.error();
        admitted = std::make_shared<const std::set<std::string>>(std::move(ids).value());
        auto published = publisher_->poll(key_, static_cast<std::uint64_t>(clock_()));
        if (!published) return published.error();
        fresh = published.value();
    }
    std::vector<std::string> withdrawn_now; // admitted at the last poll, not any more
    {
        std::lock_guard lock(snapshot_mutex_);
        if (admitted_)
            for (const auto& id : *admitted_)
                if (!admitted->contains(id)) withdrawn_now.push_back(id);
        admitted_ = admitted;
        if (fresh) published_ = fresh;
    }
    for (const auto& id : withdrawn_now)
        say_("kiosk " + id +
             " withdrawn: refused from now on; its rows no longer count for "
             "presence, and the kiosks forget those they were handed at their next sync");
    if (fresh)
        say_("revocation update " + std::to_string(fresh->version) + " published (" +
             std::to_string(fresh->revoked) + " revoked credentials)");
    if (const auto newest = shelf_.newest_version(); newest != 0 && newest != bundle_seen_) {
        bundle_seen_ = newest;
        say_("offering bundle version " + std::to_string(newest) + " (from " + desk_.dir() +
             "/exports: a delta to each kiosk that can take one)");
    }
    return success();
}

} // namespace accred
