// Which credentials a kiosk must refuse although they are validly signed: revoked ones, and
// those superseded by a later issue to the same holder.
#pragma once

#include <array>
#include <cstdint>
#include <map>
#include <string>
#include <vector>

namespace accred {

using CredentialId = std::array<std::uint8_t, 8>; // a credential's cti

struct RevocationList {
    std::string event_id;
    // Shares the desk's export counter with bundles: a kiosk replaces its list only by a
    // higher version, so an old update can never undo a revocation.
    std::uint64_t version = 0;
    std::uint64_t issued_at = 0; // UTC seconds
    // Older than this at the kiosk, the list is stale: entry then needs a supervisor.
    std::uint32_t max_age_minutes = 720;
    std::vector<CredentialId> revoked;                  // sorted, unique
    std::map<std::string, std::uint32_t> current_issue; // holder -> current issue, where > 1

    bool is_revoked(const CredentialId& cti) const;
    // True when the holder has a later issue than this one.
    bool is_superseded(const std::string& holder, std::uint32_t issue) const;
    // True when now is past issued_at + max age (or before issued_at: a clock to distrust).
    bool is_stale(std::uint64_t now) const;
    bool operator==(const RevocationList&) const = default;
};

} // namespace accred
