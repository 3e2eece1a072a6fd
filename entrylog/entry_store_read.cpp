#include "entry_store.h"
#include "entry_store_detail.h"
#include "entrylog/entry_chain.h"
#include "entrylog/entry_columns.h"

namespace accred::entry_store {

using detail::copy_exact;
using detail::in_file;
using detail::to_sql;

namespace {

// Total text and blob bytes one read may load: far above a million typical rows.
constexpr std::size_t kMaxBytesRead = 512u * 1024 * 1024;

// Reads one row at the statement's cursor; an error names what is wrong, the caller the seq.
// A version 1 log has no admitted and other_reasons columns: they are selected as constants and
// replaced here (the flag inferred, no other reasons).
Outcome<EntryRecord> decode_row(const Statement& q, int schema_version, std::size_t& budget) {
    auto row = read_entry_fields(q, 0);
    if (!row) return row.error();
    EntryRecord& r = row.value();
    r.format = schema_version == 1 ? kEntryRowV1 : kEntryRowV2;
    if (schema_version == 1) r.admitted = v1_row_admitted(r.direction, r.verdict, r.reason);
    const std::size_t size = 256 + r.credential.size();
    if (size > budget) return Error{"the rows read so far pass their size limit"};
    budget -= size;
    return row;
}

} // namespace

Outcome<std::vector<EntryRecord>> read_rows(Database& db, const std::string& path,
                                            std::uint64_t after_seq, int schema_version) {
    if (schema_version < kOldestReadableSchemaVersion || schema_version > kEntryLogSchemaVersion)
        return in_file(path, "schema version " + std::to_string(schema_version) +
                                 " is not supported");
    const bool v1 = schema_version == 1;
    // typeof() does not load values, so this finds a mistyped row before anything large is read.
    const std::vector<std::string_view> v1_missing = {"admitted", "other_reasons"};
    const std::string type_check =
        "SELECT seq FROM entries WHERE NOT (" +
        entry_column_types_condition(v1 ? v1_missing : std::vector<std::string_view>{}) +
        ") LIMIT 1";
    auto types = db.prepare(type_check);
    if (!types) return in_file(path, "not an entry log of a known form: " + types.error().message);
    auto mistyped = types->step();
    if (!mistyped) return in_file(path, mistyped.error().message);
    if (mistyped.value())
        return in_file(path, "row " + std::to_string(types->column_int(0)) +
                                 " has a value of the wrong type");
    const std::map<std::string_view, std::string> v1_constants = {{"admitted", "0"},
                                                                   {"other_reasons", "''"}};
    auto q = db.prepare("SELECT " + entry_columns("", v1 ? v1_constants : decltype(v1_constants){}) +
                        " FROM entries WHERE seq > ?1 ORDER BY seq");
    if (!q) return in_file(path, "not an entry log of a known form: " + q.error().message);
    q->bind(1, to_sql(after_seq));
    std::vector<EntryRecord> rows;
    std::size_t budget = kMaxBytesRead;
    Status read = for_each_row(q.value(), [&](Statement& at) -> Status {
        const std::string row = "row " + std::to_string(at.column_int(0));
        if (rows.size() == kMaxLogRows)
            return Error{"more than " + std::to_string(kMaxLogRows) + " rows"};
        auto decoded = decode_row(at, schema_version, budget);
        if (!decoded) return Error{row + ": " + decoded.error().message};
        rows.push_back(std::move(decoded).value());
        return success();
    });
    if (!read) return in_file(path, read.error().message);
    return rows;
}

Outcome<std::vector<Checkpoint>> read_checkpoints(Database& db, const std::string& path) {
    auto q = db.prepare("SELECT kiosk_id, seq, head, time, kiosk_public_key, signature, "
                        "typeof(kiosk_id), typeof(seq), typeof(time) FROM checkpoints ORDER BY id");
    if (!q) return in_file(path, "not an entry log of a known form: " + q.error().message);
    std::vector<Checkpoint> out;
    for (;;) {
        auto step = q->step();
        if (!step) return in_file(path, "reading checkpoints failed: " + step.error().message);
        if (!step.value()) break;
        Checkpoint cp;
        cp.kiosk_id = q->column_text(0);
        const std::int64_t seq = q->column_int(1);
        if (out.size() == kMaxLogCheckpoints || q->column_text(6) != "text" ||
            q->column_text(7) != "integer" || q->column_text(8) != "integer" || seq < 0 ||
            cp.kiosk_id.size() > kMaxLogFieldBytes || !copy_exact(q->column_blob(2), cp.head) ||
            !copy_exact(q->column_blob(4), cp.kiosk_public_key) ||
            !copy_exact(q->column_blob(5), cp.signature))
            return in_file(path, "checkpoint " + std::to_string(out.size() + 1) + " is malformed");
        cp.seq = static_cast<std::uint64_t>(seq);
        cp.time = q->column_int(3);
        out.push_back(std::move(cp));
    }
    return out;
}

Outcome<Statement> prepare_stored_head(Database& db) {
    return db.prepare("SELECT seq, hash FROM entries ORDER BY seq DESC LIMIT 1");
}

Outcome<std::pair<std::uint64_t, std::array<std::uint8_t, 32>>> stored_head(Statement& q) {
    q.reset();
    std::pair<std::uint64_t, std::array<std::uint8_t, 32>> head{0, {}};
    bool sound = true;
    auto found = first_row(q, [&](const Statement& r) {
        head.first = static_cast<std::uint64_t>(r.column_int(0));
        sound = copy_exact(r.column_blob(1), head.second);
        return true;
    });
    q.reset(); // a statement left mid-result would hold its read open
    if (!found) return found.error();
    if (!sound) return Error{"the last row's hash is malformed"};
    return head;
}

Outcome<std::pair<std::uint64_t, std::array<std::uint8_t, 32>>> stored_head(Database& db) {
    auto q = prepare_stored_head(db);
    if (!q) return q.error();
    return stored_head(q.value());
}

} // namespace accred::entry_store
