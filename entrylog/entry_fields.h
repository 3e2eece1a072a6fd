// The entry row's stored fields, named once. The kiosk's log and the desk's audit store (SQLite
// columns, entry_columns.h) and the fleet's sync messages (JSON keys, fleet/protocol) write and
// read a row only through for_each_entry_field, so a field is added here and nowhere else, and
// every codec fails to compile until it knows the field's type.
//
// Not here, on purpose: `format`, which each store records its own way (the log's schema
// version, the audit store's row_format column); and the canonical bytes the hash covers
// (entry_chain.cpp), a normative encoding whose order and form docs/entry-log-format.md fixes per
// version and which must never follow a change made here.
#pragma once

#include "entrylog/entry_record.h"

#include <cstddef>
#include <string>
#include <type_traits>

namespace accred {

// The scanned credential is kept as bytes (a BLOB; base64 in JSON), not as text: a camera may
// read any bytes, and the audit re-verifies exactly what was scanned.
template <typename Text> struct CredentialBytes { Text& bytes; };

// Calls visit(name, field) for each stored field of `row`, in column order. Row is EntryRecord
// or const EntryRecord; the credential comes as CredentialBytes.
template <typename Row, typename Visit> void for_each_entry_field(Row& row, Visit&& visit) {
    static_assert(std::is_same_v<std::remove_const_t<Row>, EntryRecord>);
    using Text = std::conditional_t<std::is_const_v<Row>, const std::string, std::string>;
    visit("seq", row.seq);
    visit("time", row.time);
    visit("simulated_time", row.simulated_time);
    visit("kiosk_id", row.kiosk_id);
    visit("gate", row.gate);
    visit("zone", row.zone);
    visit("direction", row.direction);
    visit("verdict", row.verdict);
    visit("reason", row.reason);
    visit("admitted", row.admitted);
    visit("other_reasons", row.other_reasons);
    visit("holder", row.holder);
    visit("cti", row.cti);
    visit("issue", row.issue);
    visit("override_by", row.override_by);
    visit("original_reason", row.original_reason);
    visit("credential", CredentialBytes<Text>{row.credential});
    visit("prev_hash", row.prev_hash);
    visit("hash", row.hash);
}

// How many fields for_each_entry_field visits.
inline constexpr std::size_t kEntryFieldCount = 19;

// The position of field `name` in for_each_entry_field's order; kEntryFieldCount when no field
// has that name.
std::size_t entry_field_index(std::string_view name);

} // namespace accred
