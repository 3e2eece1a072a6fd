// How `issuer revoke` in one terminal reaches every connected kiosk within seconds: issuer serve
// watches desk.db's revocations and, when they change, signs a new revocation update with the
// event key and hands it down with the next sync of each kiosk (docs/fleet.md).
#pragma once

#include "crypto/signing_key.h"
#include "issuer/desk.h"
#include "issuer/fleet/published_revocations.h"

#include <cstdint>
#include <memory>
#include <optional>
#include <string>

namespace accred {

class RevocationPublisher {
  public:
    // Picks up the newest update published before (desk.db fleet_revocation_updates), if any.
    static Outcome<RevocationPublisher> open(Desk& desk);

    // Publishes a new update when the revocations (or reissues) changed since the last one
    // published, when none was ever published, or when the last is older than half the event's
    // revocation_max_age (so that connected kiosks' revocation data never goes stale). Returns
    // the new update, or nullptr when nothing needed publishing. desk_now: the desk's clock.
    Outcome<std::shared_ptr<const PublishedRevocations>> poll(const SigningKey& event_key,
                                                              std::uint64_t desk_now);

    // The newest update published (nullptr before the first).
    std::shared_ptr<const PublishedRevocations> current() const { return current_; }

  private:
    explicit RevocationPublisher(Desk& desk) : desk_(&desk) {}
    Outcome<std::string> watermark();
    Desk* desk_;
    std::shared_ptr<const PublishedRevocations> current_;
    std::string current_watermark_;
};

} // namespace accred
