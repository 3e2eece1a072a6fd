// Internal to issuer/audit: the merged store's schema (docs/audit.md shows it too).
#pragma once

#include <cstddef>

namespace accred::audit_schema {

inline constexpr const char* kFormat = "accred audit store";
// Version 2 stores each row's encoding, admitted flag and other reasons; a version 1 store
// (made before) is refused: merge the logs again into a new one.
inline constexpr const char* kVersion = "2";

inline constexpr const char* kCreate = R"sql(
CREATE TABLE meta(key TEXT PRIMARY KEY, value TEXT NOT NULL) STRICT;
CREATE TABLE zones(id TEXT PRIMARY KEY, name TEXT NOT NULL, parent TEXT) STRICT;
CREATE TABLE gates(id TEXT PRIMARY KEY, name TEXT NOT NULL, zone TEXT NOT NULL,
  direction TEXT NOT NULL, anti_passback TEXT NOT NULL, passback_minutes INTEGER NOT NULL) STRICT;
CREATE TABLE kiosks(kiosk_id TEXT PRIMARY KEY, gate TEXT NOT NULL, first_source TEXT NOT NULL)
  STRICT;
CREATE TABLE credentials(id INTEGER PRIMARY KEY, text BLOB NOT NULL UNIQUE) STRICT;
CREATE TABLE entries(
  kiosk_id TEXT NOT NULL, seq INTEGER NOT NULL CHECK(seq >= 1), time INTEGER NOT NULL,
  simulated_time INTEGER NOT NULL, gate TEXT NOT NULL, zone TEXT NOT NULL,
  direction TEXT NOT NULL, verdict TEXT NOT NULL, reason TEXT NOT NULL, holder TEXT, cti BLOB,
  issue INTEGER, override_by TEXT, original_reason TEXT,
  credential INTEGER NOT NULL REFERENCES credentials(id),
  prev_hash BLOB NOT NULL, hash BLOB NOT NULL,
  row_format INTEGER NOT NULL CHECK(row_format IN (1, 2)),
  admitted INTEGER NOT NULL CHECK(admitted IN (0, 1)), other_reasons TEXT NOT NULL,
  PRIMARY KEY(kiosk_id, seq))
  STRICT, WITHOUT ROWID;
CREATE TABLE anomaly_cache(kind TEXT NOT NULL, time INTEGER NOT NULL, gate TEXT NOT NULL,
  kiosk_id TEXT NOT NULL, seq INTEGER NOT NULL, holder TEXT NOT NULL, detail TEXT NOT NULL) STRICT;
CREATE TABLE checkpoints(
  kiosk_id TEXT NOT NULL, seq INTEGER NOT NULL, head BLOB NOT NULL, time INTEGER NOT NULL,
  kiosk_public_key BLOB NOT NULL, signature BLOB NOT NULL, UNIQUE(kiosk_id, signature)) STRICT;
)sql";

// What the desk keeps beside the merged rows for the fleet (issuer serve creates them): the order
// in which rows that change presence arrived (the feed handed down to the kiosks), and the pushed
// rows it refused to act on (kept as evidence).
inline constexpr const char* kPresenceFeedTables = R"sql(
CREATE TABLE IF NOT EXISTS presence_feed(id INTEGER PRIMARY KEY AUTOINCREMENT,
  kiosk_id TEXT NOT NULL, seq INTEGER NOT NULL, UNIQUE(kiosk_id, seq)) STRICT;
CREATE TABLE IF NOT EXISTS refused_rows(kiosk_id TEXT NOT NULL, seq INTEGER NOT NULL,
  why TEXT NOT NULL, PRIMARY KEY(kiosk_id, seq)) STRICT;
)sql";

// The query indexes, apart so that a large merge can drop them and build them once at the end
// (sorting once is several times faster than a million scattered index inserts). Entries is a
// WITHOUT ROWID table, so each index also holds (kiosk_id, seq): the holder index covers the
// impossible-travel query.
inline constexpr const char* kCreateIndexes = R"sql(
CREATE INDEX entries_by_holder ON entries(holder, time, gate);
CREATE INDEX entries_by_zone ON entries(zone, time);
CREATE INDEX entries_by_time ON entries(time);
)sql";
inline constexpr const char* kDropIndexes =
    "DROP INDEX entries_by_holder; DROP INDEX entries_by_zone; DROP INDEX entries_by_time;";
// From how many new rows a merge rebuilds the indexes instead of updating them.
inline constexpr std::size_t kRebuildIndexesFrom = 50'000;

} // namespace accred::audit_schema
