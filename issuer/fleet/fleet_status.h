// The live view of the fleet (issuer fleet): each registered kiosk, whether it is in contact, and
// what it holds, from desk.db as issuer serve records it.
#pragma once

#include "crypto/outcome.h"
#include "store/sqlite_db.h"

#include <cstdint>
#include <optional>
#include <string>
#include <vector>

namespace accred {

// A kiosk synced within this many seconds is online (it syncs every second).
inline constexpr std::int64_t kOnlineWithinSeconds = 10;

struct FleetKioskStatus {
    std::string kiosk_id;
    std::string gate;
    std::string state; // "online", "offline", "never seen" or "withdrawn"
    std::optional<std::int64_t> withdrawn_at;
    std::optional<std::int64_t> certificate_expires; // the newest certificate signed for it
    // From the last contact (all unset when never seen).
    std::optional<std::int64_t> last_contact; // real UTC seconds
    std::uint64_t rows_at_desk = 0;           // the desk holds its rows 1..rows_at_desk
    std::uint64_t log_seq = 0;                // its log's newest row
    std::uint64_t bundle_version = 0;
    std::uint64_t revocations_version = 0;
    std::uint64_t revocations_issued_at = 0;
    std::int64_t revocations_age = 0; // seconds, now on the desk's clock minus issued_at
    std::int64_t clock_offset = 0;    // its clock minus the desk's, at the last contact
    bool simulated_time = false;
    std::uint64_t forks = 0; // rows it offered that differ from those held (refused)
};

// Every registered kiosk, by gate then id. real_now: the real clock, for the age of contacts; the
// desk's clock (simulated under serve --now) is carried on from the last contact.
Outcome<std::vector<FleetKioskStatus>> fleet_status(Database& desk_db, std::int64_t real_now);

} // namespace accred
