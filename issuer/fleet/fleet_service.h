// What issuer serve does behind the TLS server (docs/fleet.md): answers POST /v1/sync and
// POST /v1/bundle, keeps the set of admitted kiosks for the handshake, and publishes revocation
// updates as desk.db changes. Independent of the network, so it can be driven directly.
#pragma once

#include "crypto/signing_key.h"
#include "issuer/audit/audit_store.h"
#include "issuer/desk.h"
#include "issuer/fleet/bundle_shelf.h"
#include "issuer/fleet/desk_sync.h"
#include "issuer/fleet/revocation_publisher.h"

#include <cstdint>
#include <functional>
#include <memory>
#include <mutex>
#include <optional>
#include <set>
#include <string>
#include <string_view>

namespace accred {

// DESK/audit.db: the event-wide store issuer serve keeps up to date as kiosks sync, which the
// audit commands and the web desk's operations and audit pages read.
inline std::string desk_audit_store_path(const std::string& desk_dir) {
    return desk_dir + "/audit.db";
}

struct ServiceReply {
    int status = 200;
    std::string body;
    std::string content_type = "application/json";
};

class FleetService {
  public:
    using DeskClock = std::function<std::int64_t()>;     // the desk's clock (maybe simulated)
    using Say = std::function<void(const std::string&)>; // one line for the desk's console

    // Opens the workspace's desk.db and DESK/audit.db (created when missing), and holds the event
    // key (wiped when the service goes) to sign revocation updates.
    static Outcome<std::unique_ptr<FleetService>>
    open(const std::string& desk_dir, SigningKey event_key, DeskClock desk_clock, Say say);

    // True for a registered kiosk not withdrawn, as of the last poll(): no database access, for
    // the TLS handshake and before each request. Thread-safe.
    bool admit(const std::string& kiosk_id) const;
    // POST /v1/sync from kiosk_id (the TLS identity). Thread-safe.
    ServiceReply sync(const std::string& kiosk_id, std::string_view body);
    // POST /v1/bundle: the newest exported bundle, or 404 when none. Thread-safe.
    ServiceReply bundle(const std::string& kiosk_id);
    // Every half second: reloads the admitted kiosks, publishes a revocation update when desk.db's
    // revocations changed, notices a newer bundle. From one thread (the one that runs serve).
    Status poll();

    const Desk& desk() const { return desk_; }

  private:
    FleetService(Desk desk, AuditStore store, SigningKey key, DeskClock clock, Say say);
    SyncClock now() const;

    mutable std::mutex db_mutex_; // desk_, store_, sync_, publisher_: one SQLite user at a time
    Desk desk_;
    AuditStore store_;
    SigningKey key_;
    DeskClock clock_;
    Say say_;
    std::optional<DeskSync> sync_;
    std::optional<RevocationPublisher> publisher_;
    BundleShelf shelf_;

    mutable std::mutex snapshot_mutex_; // what the server threads read without the database
    std::shared_ptr<const std::set<std::string>> admitted_;
    std::shared_ptr<const PublishedRevocations> published_;
    std::uint64_t bundle_seen_ = 0; // the newest bundle version announced on the console
};

} // namespace accred
