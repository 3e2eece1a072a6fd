// The entry row in SQL: the column names, binding and strict reading of every field, for each
// store of rows (the kiosk's log, entry_store.cpp; the desk's audit store, issuer/audit/). The
// fields and their names come from entry_fields.h; this file only says how each type is stored.
#pragma once

#include "crypto/outcome.h"
#include "entrylog/entry_record.h"
#include "store/sqlite_db.h"

#include <map>
#include <string>
#include <string_view>

namespace accred {

// The row's column names joined by ", " in for_each_entry_field's order, each after `prefix`
// ("e." in a join). A name in `replace` is replaced by its SQL expression (a version 1 log has
// no admitted column: {"admitted", "0"}; the audit store keeps credentials apart:
// {"credential", "c.text"}).
std::string entry_columns(std::string_view prefix = "",
                          const std::map<std::string_view, std::string>& replace = {});

// "?first, ?first+1, ..." for every field: the VALUES of an INSERT naming entry_columns().
std::string entry_parameters(int first);

// A WHERE condition true when every column of a row holds the type it is stored as (typeof()
// does not load a value, so a mistyped row is found before anything large is read). Columns in
// `skip` are left out.
std::string entry_column_types_condition(const std::vector<std::string_view>& skip = {});

// Binds every field of `row` to parameters first, first+1, ... in entry_columns() order.
void bind_entry_fields(Statement& q, int first, const EntryRecord& row);

// Reads the row selected with entry_columns() starting at result column `first`, strictly: each
// name in its vocabulary, each text within kMaxLogFieldBytes, each hash and id its exact size,
// each flag 0 or 1. The row's format is left as the store says it is. An error names the field.
Outcome<EntryRecord> read_entry_fields(const Statement& q, int first);

} // namespace accred
