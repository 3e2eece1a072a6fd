// The SQLite storage of an entry log: schema, row and checkpoint I/O, and the read-only reader
// the audit uses on files handed in. EntryLog (entry_log.h) is the kiosk's writer on top.
#pragma once

#include "crypto/outcome.h"
#include "entrylog/entry_record.h"
#include "store/sqlite_db.h"

#include <cstddef>
#include <cstdint>
#include <string>
#include <vector>

namespace accred {

// Version 2 stores each row's admitted flag and other reasons; version 1 files (written before)
// are still read by the audit, never written to.
inline constexpr int kEntryLogSchemaVersion = 2;
inline constexpr int kOldestReadableSchemaVersion = 1;
// Reading limits, so a crafted file cannot make a reader allocate without bound: a kiosk logs a
// few thousand rows a day, a million is years of scanning.
inline constexpr std::size_t kMaxLogRows = 1'000'000;
inline constexpr std::size_t kMaxLogCheckpoints = 100'000;

// Everything a log file holds, as stored (nothing verified beyond types and sizes).
struct LogContents {
    std::string kiosk_id; // from the meta table
    int schema_version = kEntryLogSchemaVersion;
    std::vector<EntryRecord> rows;
    std::vector<Checkpoint> checkpoints; // in the order they were written
};

// Reads a log file handed in, which may be hostile: read-only, defensive connection, PRAGMA
// quick_check, the expected tables (real tables, not views) of a known schema version, values
// of the right types, each field within its cap, bounded row counts. Errors name the file. The
// chain is not verified here: run verify_chain and the checkpoint checks on the result.
Outcome<LogContents> read_log_readonly(const std::string& path);

// read_log_readonly's rows only, in seq order.
Outcome<std::vector<EntryRecord>> read_log_rows_readonly(const std::string& path);

namespace entry_store {

// Applies the reading limits to a connection: no single value above 64 KiB is ever loaded.
void limit_value_size(Database& db);
// PRAGMA quick_check; an Error naming path and SQLite's first complaint unless it says ok.
Status quick_check(Database& db, const std::string& path);
// True when the file holds no table, view, index or trigger at all (new or zero-length).
Outcome<bool> is_empty(Database& db);
// Creates the schema and meta rows. Run inside a transaction.
Status create_schema(Database& db, const std::string& kiosk_id);
// What meta says about a log: whose it is, and which schema version it was written in.
struct LogMeta {
    std::string kiosk_id;
    int schema_version = kEntryLogSchemaVersion;
};
// Checks the tables and a readable schema version (1 or 2); returns what meta records.
Outcome<LogMeta> read_meta(Database& db, const std::string& path);
// Rows with seq > after_seq, in seq order, type- and size-checked, as schema_version stores them
// (version 1 rows come back with format kEntryRowV1 and the inferred admitted flag).
Outcome<std::vector<EntryRecord>> read_rows(Database& db, const std::string& path,
                                            std::uint64_t after_seq,
                                            int schema_version = kEntryLogSchemaVersion);
Outcome<std::vector<Checkpoint>> read_checkpoints(Database& db, const std::string& path);
// The highest stored row's (seq, hash), or (0, zeros) for an empty log.
Outcome<std::pair<std::uint64_t, std::array<std::uint8_t, 32>>> stored_head(Database& db);
Status insert_row(Database& db, const EntryRecord& row);
// The same two with statements prepared once (prepare_stored_head, prepare_insert_row) and
// reused for every append: a prepare costs about as much as a fifth of the durable commit.
// Each resets its statement before and after use.
Outcome<Statement> prepare_stored_head(Database& db);
Outcome<Statement> prepare_insert_row(Database& db);
Outcome<std::pair<std::uint64_t, std::array<std::uint8_t, 32>>> stored_head(Statement& query);
Status insert_row(Statement& insert, const EntryRecord& row);
Status insert_checkpoint(Database& db, const Checkpoint& checkpoint);

} // namespace entry_store

} // namespace accred
