// What the desk remembers of each kiosk's syncs, for the live view (issuer fleet) and the audit:
// the last contact, and the rows refused as forks (desk.db, issuer/desk_schema.h).
#pragma once

#include "crypto/outcome.h"
#include "issuer/audit/append_result.h"
#include "store/sqlite_db.h"

#include <cstdint>
#include <optional>
#include <string>

namespace accred {

// One sync as the desk saw it.
struct KioskContact {
    std::string kiosk_id;
    std::int64_t real_time = 0;  // when (the desk's real clock)
    std::int64_t desk_time = 0;  // the desk's clock then (simulated under serve --now)
    std::uint64_t acked_seq = 0; // the rows the desk holds for it
    std::uint64_t log_seq = 0;   // the rows its log holds
    std::uint64_t bundle_version = 0;
    std::uint64_t revocations_version = 0;
    std::uint64_t revocations_issued_at = 0;
    std::int64_t kiosk_time = 0;
    bool simulated_time = false;
};

// Records a contact. Returns the previous contact's real time, or nullopt on a first contact.
Outcome<std::optional<std::int64_t>> record_contact(Database& desk_db, const KioskContact& contact);

// The bundle version kiosk_id reported at its last sync (0 before its first).
Outcome<std::uint64_t> kiosk_bundle_version(Database& desk_db, const std::string& kiosk_id);

// Records a fork a kiosk offered (the same one offered again only counts up `times`).
Status record_fork(Database& desk_db, const std::string& kiosk_id, const RowFork& fork,
                   std::int64_t now);

} // namespace accred
