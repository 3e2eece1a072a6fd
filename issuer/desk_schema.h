// Internal to the desk (issuer/desk.cpp): desk.db's whole schema, every version's additions, in
// the order a workspace is brought up to date. docs/design-notes.md describes the tables.
#pragma once

namespace accred::desk_schema {

// Version 2 added the kiosk register and the checkpoints the desk keeps (the audit, issue 6);
// version 3 the accreditation journal (withdrawn is withdrawn, issue 15); version 4 the fleet's
// tables, which issuer fleet and issuer serve used to create when first needed; version 5 widens
// delegation codes from 0..255 to 0..65535 (the credential's org field) and keeps the roster as
// the last bundle exported it (deltas), both for issue 18; version 6 adds the web desk's operator
// accounts, their journal and the print log (issue 19, docs/desk-web.md).
inline constexpr int kSchemaVersion = 6;

inline constexpr const char* kSchema = R"sql(
CREATE TABLE meta(key TEXT PRIMARY KEY, value TEXT NOT NULL) STRICT;
CREATE TABLE people(
  id TEXT PRIMARY KEY, name TEXT NOT NULL, delegation TEXT NOT NULL, category TEXT NOT NULL,
  days TEXT NOT NULL, zones TEXT NOT NULL, escort_of TEXT, photo BLOB NOT NULL,
  updated_at INTEGER NOT NULL) STRICT;
CREATE TABLE delegations(code INTEGER PRIMARY KEY CHECK(code BETWEEN 0 AND 65535),
  name TEXT NOT NULL UNIQUE) STRICT;
CREATE TABLE credentials(
  cti BLOB PRIMARY KEY CHECK(length(cti) = 8), holder TEXT NOT NULL REFERENCES people(id),
  issue INTEGER NOT NULL CHECK(issue >= 1), text TEXT NOT NULL, issued_at INTEGER NOT NULL,
  UNIQUE(holder, issue)) STRICT;
CREATE TABLE revocations(
  seq INTEGER PRIMARY KEY AUTOINCREMENT, cti BLOB NOT NULL UNIQUE REFERENCES credentials(cti),
  reason TEXT NOT NULL, revoked_at INTEGER NOT NULL) STRICT;
)sql";

// What version 2 adds to a version 1 workspace: the kiosk keys registered at the desk (the audit
// trusts a log's checkpoints only when signed by one of them) and the newest checkpoint per kiosk.
inline constexpr const char* kSchemaV2Additions = R"sql(
CREATE TABLE kiosks(
  kiosk_id TEXT PRIMARY KEY, public_key BLOB NOT NULL UNIQUE CHECK(length(public_key) = 32),
  gate TEXT NOT NULL, added_at INTEGER NOT NULL) STRICT;
CREATE TABLE kiosk_checkpoints(
  kiosk_id TEXT PRIMARY KEY REFERENCES kiosks(kiosk_id), seq INTEGER NOT NULL,
  text TEXT NOT NULL, added_at INTEGER NOT NULL) STRICT;
)sql";

// What version 3 adds: the accreditation journal. A person is withdrawn while their newest row
// says so; rows are history, so the triggers refuse to change or delete one.
inline constexpr const char* kSchemaV3Additions = R"sql(
CREATE TABLE accreditation_journal(
  seq INTEGER PRIMARY KEY AUTOINCREMENT, holder TEXT NOT NULL REFERENCES people(id),
  action TEXT NOT NULL CHECK(action IN ('withdrawn', 'reinstated')), reason TEXT NOT NULL,
  at INTEGER NOT NULL, by TEXT NOT NULL) STRICT;
CREATE INDEX accreditation_journal_by_holder ON accreditation_journal(holder, seq);
CREATE TRIGGER accreditation_journal_no_update BEFORE UPDATE ON accreditation_journal
  BEGIN SELECT RAISE(ABORT, 'the accreditation journal is history: rows are never changed'); END;
CREATE TRIGGER accreditation_journal_no_delete BEFORE DELETE ON accreditation_journal
  BEGIN SELECT RAISE(ABORT, 'the accreditation journal is history: rows are never deleted'); END;
)sql";

// What version 4 adds: the fleet (docs/fleet.md). Times are UTC seconds on the real clock unless
// named desk_time (the desk's clock, simulated under issuer serve --now) or kiosk_time (the
// kiosk's, as it reported it). IF NOT EXISTS: a version 3 workspace whose fleet was set up by an
// earlier issuer already has them, exactly so.
inline constexpr const char* kSchemaV4Additions = R"sql(
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

// What version 5 changes: the delegations table of versions 1 to 4 allowed codes 0..255 only.
// SQLite cannot alter a CHECK constraint, so the table is made anew with the wider one (as in
// kSchema), the codes and names copied unchanged, the old table dropped and the new one renamed
// (SQLite's documented way to change a table's definition). No other table refers to it.
inline constexpr const char* kSchemaV5Delegations = R"sql(
CREATE TABLE delegations_v5(code INTEGER PRIMARY KEY CHECK(code BETWEEN 0 AND 65535),
  name TEXT NOT NULL UNIQUE) STRICT;
INSERT INTO delegations_v5(code, name) SELECT code, name FROM delegations;
DROP TABLE delegations;
ALTER TABLE delegations_v5 RENAME TO delegations;
)sql";

// What version 5 also adds: each holder's photo digest as the last bundle export carried it, and the
// export version in which it last changed (or left the roster: removed = 1), so that a delta
// since version B carries exactly the rows with changed_in > B (issuer/bundle_export.h).
inline constexpr const char* kSchemaV5Additions = R"sql(
CREATE TABLE IF NOT EXISTS bundle_roster(
  holder TEXT PRIMARY KEY, sha256 BLOB NOT NULL CHECK(length(sha256) = 32),
  changed_in INTEGER NOT NULL, removed INTEGER NOT NULL CHECK(removed IN (0, 1))) STRICT;
CREATE INDEX IF NOT EXISTS bundle_roster_by_change ON bundle_roster(changed_in);
)sql";

// What version 6 adds: the web desk's operators (passwords as Argon2id strings from
// crypto_pwhash_str), the operator journal (every action taken through the web desk: who, as what
// role, what, on whom, when, from which address; history, so never changed or deleted) and the
// print log (each badge sent to a printer or handed to the browser to print).
inline constexpr const char* kSchemaV6Additions = R"sql(
CREATE TABLE IF NOT EXISTS operators(
  name TEXT PRIMARY KEY, role TEXT NOT NULL
    CHECK(role IN ('operator', 'supervisor', 'security', 'auditor')),
  password_hash TEXT NOT NULL, created_at INTEGER NOT NULL,
  disabled INTEGER NOT NULL DEFAULT 0 CHECK(disabled IN (0, 1))) STRICT;
CREATE TABLE IF NOT EXISTS operator_journal(
  seq INTEGER PRIMARY KEY AUTOINCREMENT, at INTEGER NOT NULL, operator TEXT NOT NULL,
  role TEXT NOT NULL, action TEXT NOT NULL, subject TEXT NOT NULL, detail TEXT NOT NULL,
  remote TEXT NOT NULL) STRICT;
CREATE INDEX IF NOT EXISTS operator_journal_by_subject ON operator_journal(subject, seq);
CREATE TRIGGER IF NOT EXISTS operator_journal_no_update BEFORE UPDATE ON operator_journal
  BEGIN SELECT RAISE(ABORT, 'the operator journal is history: rows are never changed'); END;
CREATE TRIGGER IF NOT EXISTS operator_journal_no_delete BEFORE DELETE ON operator_journal
  BEGIN SELECT RAISE(ABORT, 'the operator journal is history: rows are never deleted'); END;
CREATE TABLE IF NOT EXISTS print_log(
  seq INTEGER PRIMARY KEY AUTOINCREMENT, at INTEGER NOT NULL, holder TEXT NOT NULL,
  issue INTEGER NOT NULL, operator TEXT NOT NULL, destination TEXT NOT NULL,
  job TEXT NOT NULL) STRICT;
CREATE INDEX IF NOT EXISTS print_log_by_holder ON print_log(holder, seq);
)sql";

// An earlier issuer revoked for cause without withdrawing: whoever's newest badge it revoked
// (not superseded by a reissue) is withdrawn on upgrade, so that issue --all does not hand them
// a new badge, as the earlier version would have.
inline constexpr const char* kWithdrawRevokedOnUpgrade = R"sql(
INSERT INTO accreditation_journal(holder, action, reason, at, by)
SELECT c.holder, 'withdrawn', r.reason, r.revoked_at,
       'desk.db upgrade: badge revoked for cause by an earlier issuer'
FROM credentials c JOIN revocations r ON r.cti = c.cti
WHERE c.issue = (SELECT MAX(issue) FROM credentials n WHERE n.holder = c.holder)
  AND r.reason NOT LIKE 'superseded by reissue: %'
ORDER BY r.seq;
)sql";

} // namespace accred::desk_schema
