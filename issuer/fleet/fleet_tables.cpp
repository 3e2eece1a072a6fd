#include "fleet_tables.h"

namespace accred {
namespace {

// Times are UTC seconds on the real clock unless named desk_time (the desk's clock, simulated
// under issuer serve --now) or kiosk_time (the kiosk's, as it reported it).
constexpr const char* kFleetTables = R"sql(
CREATE TABLE IF NOT EXISTS fleet_certificates(
  serial TEXT PRIMARY KEY, kiosk_id TEXT NOT NULL REFERENCES kiosks(kiosk_id),
  gate TEXT NOT NULL, not_before INTEGER NOT NULL, not_after INTEGER NOT NULL,
  signed_at INTEGER NOT NULL) STRICT;
CREATE TABLE IF NOT EXISTS fleet_withdrawn(
  kiosk_id TEXT PRIMARY KEY REFERENCES kiosks(kiosk_id), withdrawn_at INTEGER NOT NULL) STRICT;
CREATE TABLE IF NOT EXISTS fleet_contact(
  kiosk_id TEXT PRIMARY KEY REFERENCES kiosks(kiosk_id), first_contact INTEGER NOT NULL,
  last_contact INTEGER NOT NULL, acked_seq INTEGER NOT NULL, log_seq INTEGER NOT NULL,
  bundle_version INTEGER NOT NULL, revocations_version INTEGER NOT NULL,
  revocations_issued_at INTEGER NOT NULL, kiosk_time INTEGER NOT NULL,
  simulated_time INTEGER NOT NULL, desk_time INTEGER NOT NULL) STRICT;
CREATE TABLE IF NOT EXISTS fleet_forks(
  kiosk_id TEXT NOT NULL, seq INTEGER NOT NULL, held_hash BLOB NOT NULL,
  offered_hash BLOB NOT NULL, first_seen INTEGER NOT NULL, last_seen INTEGER NOT NULL,
  times INTEGER NOT NULL, PRIMARY KEY(kiosk_id, seq, offered_hash)) STRICT;
CREATE TABLE IF NOT EXISTS fleet_revocation_updates(
  version INTEGER PRIMARY KEY, issued_at INTEGER NOT NULL, watermark TEXT NOT NULL,
  revoked INTEGER NOT NULL, file BLOB NOT NULL, published_at INTEGER NOT NULL) STRICT;
)sql";

} // namespace

Status ensure_fleet_tables(Database& db) {
    return in_transaction(db, [&]() -> Status { return db.exec(kFleetTables); });
}

} // namespace accred
