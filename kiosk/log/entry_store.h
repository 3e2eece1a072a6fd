// The SQLite storage of an entry log: schema, row and checkpoint I/O, and the read-only reader
// the audit uses on files handed in. EntryLog (entry_log.h) is the kiosk's writer on top.
#pragma once

#include "crypto/outcome.h"
#include "kiosk/log/entry_record.h"
#include "store/sqlite_db.h"

#include <cstddef>
#include <cstdint>
#include <string>
#include <vector>

namespace accred {

inline constexpr int kEntryLogSchemaVersion = 1;
// Reading limits, so a crafted file cannot make a reader allocate without bound: a kiosk logs a
// few thousand rows a day, a million is years of scanning.
inline constexpr std::size_t kMaxLogRows = 1'000'000;
inline constexpr std::size_t kMaxLogCheckpoints = 100'000;

// Everything a log file holds, as stored (nothing verified beyond types and sizes).
struct LogContents {
    std::string kiosk_id; // from the meta table
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
// Checks the tables and schema version; returns the kiosk id recorded in meta.
Outcome<std::string> read_meta(Database& db, const std::string& path);
// Rows with seq > after_seq, in seq order, type- and size-checked.
Outcome<std::vector<EntryRecord>> read_rows(Database& db, const std::string& path,
                                            std::uint64_t after_seq);
Outcome<std::vector<Checkpoint>> read_checkpoints(Database& db, const std::string& path);
// The highest stored row's (seq, hash), or (0, zeros) for an empty log.
Outcome<std::pair<std::uint64_t, std::array<std::uint8_t, 32>>> stored_head(Database& db);
Status insert_row(Database& db, const EntryRecord& row);
Status insert_checkpoint(Database& db, const Checkpoint& checkpoint);

} // namespace entry_store

} // namespace accred
