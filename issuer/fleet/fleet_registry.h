// Which kiosks may sync with the desk: those registered (kiosk_register.h) and not withdrawn, and
// the certificates signed for them (desk.db, issuer/desk_schema.h).
#pragma once

#include "crypto/outcome.h"
#include "crypto/public_key.h"
#include "store/sqlite_db.h"

#include <cstdint>
#include <optional>
#include <set>
#include <string>

namespace accred {

struct FleetKiosk {
    std::string kiosk_id;
    PublicKey key;
    std::string gate;
    std::optional<std::int64_t> withdrawn_at; // set once withdrawn: refused from then on
};

// The registered kiosk with this id, withdrawn or not; nullopt when none is registered.
Outcome<std::optional<FleetKiosk>> find_fleet_kiosk(Database& desk_db, const std::string& kiosk_id);

// The ids of every registered kiosk not withdrawn: the only ones issuer serve answers.
Outcome<std::set<std::string>> admitted_kiosk_ids(Database& desk_db);

// The ids of every withdrawn kiosk. Withdrawal is for good, so the set only grows: its size is
// the presence feed's generation (docs/fleet.md), which tells the kiosks to forget what they were
// handed before a withdrawal.
Outcome<std::set<std::string>> withdrawn_kiosk_ids(Database& desk_db);

// Keeps the record of a certificate signed for a registered kiosk (serial: lower-case hex).
Status record_certificate(Database& desk_db, const std::string& serial_hex,
                          const std::string& kiosk_id, const std::string& gate,
                          std::int64_t not_before, std::int64_t not_after, std::int64_t signed_at);

// Withdraws a registered kiosk for good (its key, so every certificate of it): true when withdrawn
// now, false when it already was. An Error when no kiosk of that id is registered.
Outcome<bool> withdraw_kiosk(Database& desk_db, const std::string& kiosk_id, std::int64_t now);

} // namespace accred
