#include "entry_store.h"

#include "entry_store_detail.h"
#include "entrylog/entry_columns.h"
#include "entrylog/entry_chain.h"

#include <cassert>
#include <cctype>
#include <filesystem>
#include <map>
#include <optional>
#include <stdlib.h>
#include <utility>

namespace accred {

using entry_store::detail::in_file;
using entry_store::detail::to_sql;

namespace {

// STRICT tables so a value of the wrong type cannot be stored by SQLite itself; CHECKs for the
// fixed sizes. The triggers make rows append-only against mistakes (a tool, a stray UPDATE); they
// stop no attacker, who can drop them: the hash chain and the signed checkpoints do that.
constexpr const char* kSchema = R"sql(
CREATE TABLE meta (key TEXT PRIMARY KEY, value TEXT NOT NULL) STRICT;
CREATE TABLE entries (
    seq INTEGER PRIMARY KEY CHECK (seq >= 1),
    time INTEGER NOT NULL,
    simulated_time INTEGER NOT NULL CHECK (simulated_time IN (0, 1)),
    kiosk_id TEXT NOT NULL,
    gate TEXT NOT NULL,
    zone TEXT NOT NULL,
    direction TEXT NOT NULL CHECK (direction IN ('entry', 'exit')),
    verdict TEXT NOT NULL,
    reason TEXT NOT NULL,
    admitted INTEGER NOT NULL CHECK (admitted IN (0, 1)),
    other_reasons TEXT NOT NULL,
    holder TEXT,
    cti BLOB CHECK (cti IS NULL OR length(cti) = 8),
    issue INTEGER CHECK (issue IS NULL OR issue BETWEEN 0 AND 4294967295),
    override_by TEXT,
    original_reason TEXT,
    credential BLOB NOT NULL,
    prev_hash BLOB NOT NULL CHECK (length(prev_hash) = 32),
    hash BLOB NOT NULL CHECK (length(hash) = 32)
) STRICT;
CREATE TABLE checkpoints (
    id INTEGER PRIMARY KEY,
    kiosk_id TEXT NOT NULL,
    seq INTEGER NOT NULL CHECK (seq >= 0),
    head BLOB NOT NULL CHECK (length(head) = 32),
    time INTEGER NOT NULL,
    kiosk_public_key BLOB NOT NULL CHECK (length(kiosk_public_key) = 32),
    signature BLOB NOT NULL CHECK (length(signature) = 64)
) STRICT;
CREATE TRIGGER entries_no_update BEFORE UPDATE ON entries
    BEGIN SELECT RAISE(ABORT, 'entry log rows are append-only'); END;
CREATE TRIGGER entries_no_delete BEFORE DELETE ON entries
    BEGIN SELECT RAISE(ABORT, 'entry log rows are append-only'); END;
CREATE TRIGGER checkpoints_no_update BEFORE UPDATE ON checkpoints
    BEGIN SELECT RAISE(ABORT, 'checkpoints are append-only'); END;
CREATE TRIGGER checkpoints_no_delete BEFORE DELETE ON checkpoints
    BEGIN SELECT RAISE(ABORT, 'checkpoints are append-only'); END;
)sql";

constexpr const char* kFormatName = "accred entry log";
constexpr int kMaxValueBytes = 64 * 1024;

} // namespace

namespace entry_store {

void limit_value_size(Database& db) {
    db.limit_value_bytes(kMaxValueBytes);
}

Status quick_check(Database& db, const std::string& path) {
    auto q = db.prepare("PRAGMA quick_check");
    if (!q) return in_file(path, q.error().message);
    auto answer = first_row(q.value(), [](const Statement& r) { return r.column_text(0); });
    if (!answer)
        return in_file(path,
                       "the file is damaged or not a database (" + answer.error().message + ")");
    const std::string first = answer->value_or("no answer");
    if (first != "ok")
        return in_file(path, "the file is damaged: SQLite's quick_check says " + first);
    return success();
}

Outcome<bool> is_empty(Database& db) {
    auto q = db.prepare("SELECT count(*) FROM sqlite_schema");
    if (!q) return q.error();
    auto objects = only_row(q.value(), "the schema", [](const Statement& r) { return r.column_int(0); });
    if (!objects) return objects.error();
    return objects.value() == 0;
}

Status create_schema(Database& db, const std::string& kiosk_id) {
    if (auto s = db.exec(kSchema); !s) return s;
    auto put = db.prepare("INSERT INTO meta(key, value) VALUES (?1, ?2)");
    if (!put) return put.error();
    const std::pair<std::string, std::string> meta[] = {
        {"format", kFormatName},
        {"schema_version", std::to_string(kEntryLogSchemaVersion)},
        {"kiosk_id", kiosk_id}};
    for (const auto& [key, value] : meta)
        if (auto s = put->bind(1, key).bind(2, value).run(); !s) return s;
    return success();
}

Outcome<LogMeta> read_meta(Database& db, const std::string& path) {
    // Reading sqlite_schema runs nothing the file defines. A view or a virtual table anywhere
    // could compute rows instead of storing them (an FTS table over a recursive view runs for
    // ever), so none is accepted before a single row of the log is read.
    auto objects = db.prepare("SELECT name, type, coalesce(sql, '') FROM sqlite_schema");
    if (!objects) return in_file(path, objects.error().message);
    int found = 0;
    std::string refused;
    Status listed = for_each_row(objects.value(), [&](Statement& q) {
        const std::string name = q.column_text(0), type = q.column_text(1);
        std::string sql = q.column_text(2).substr(0, 32);
        for (char& c : sql) c = static_cast<char>(std::toupper(static_cast<unsigned char>(c)));
        const bool ours = name == "meta" || name == "entries" || name == "checkpoints";
        const bool is_virtual = sql.starts_with("CREATE VIRTUAL TABLE");
        found += ours && type == "table";
        if (!refused.empty()) return;
        if (ours && (type != "table" || is_virtual))
            refused = name + " is not a table";
        else if (type == "view" || is_virtual)
            refused = "it holds a " + std::string(is_virtual ? "virtual table" : "view") + " (" +
                      name.substr(0, kMaxLogFieldBytes) + "), which an entry log never has";
    });
    if (!listed) return in_file(path, listed.error().message);
    if (!refused.empty()) return in_file(path, refused);
    if (found != 3) return in_file(path, "this is not an accred entry log (tables are missing)");
    auto q = db.prepare("SELECT key, value FROM meta WHERE typeof(value) = 'text' AND "
                        "key IN ('format', 'schema_version', 'kiosk_id')");
    if (!q) return in_file(path, q.error().message);
    std::map<std::string, std::string> meta;
    Status read = for_each_row(q.value(), [&](Statement& m) {
        meta[m.column_text(0)] = m.column_text(1);
    });
    if (!read) return in_file(path, read.error().message);
    const std::string format = meta["format"], version = meta["schema_version"],
                      kiosk_id = meta["kiosk_id"];
    if (format != kFormatName) return in_file(path, "this is not an accred entry log");
    LogMeta out;
    out.kiosk_id = kiosk_id;
    if (version == "1")
        out.schema_version = 1;
    else if (version == "2")
        out.schema_version = 2;
    else
        return in_file(path, "schema version \"" + version +
                                 "\" is not supported (this build reads versions " +
                                 std::to_string(kOldestReadableSchemaVersion) + " to " +
                                 std::to_string(kEntryLogSchemaVersion) + ")");
    if (kiosk_id.empty() || kiosk_id.size() > kMaxLogFieldBytes)
        return in_file(path, "the kiosk id in meta is missing or too long");
    return out;
}

Outcome<Statement> prepare_insert_row(Database& db) {
    static const std::string insert =
        "INSERT INTO entries(" + entry_columns() + ") VALUES (" + entry_parameters(1) + ")";
    return db.prepare(insert);
}

Status insert_row(Statement& insert, const EntryRecord& r) {
    // Only version 2 rows are ever written (a version 1 log is never opened for writing).
    assert(r.format == kEntryRowV2);
    insert.reset(); // after a failed run the statement may still hold its last bindings
    bind_entry_fields(insert, 1, r);
    Status done = insert.run();
    insert.reset();
    return done;
}

Status insert_row(Database& db, const EntryRecord& r) {
    auto q = prepare_insert_row(db);
    if (!q) return q.error();
    return insert_row(q.value(), r);
}


Status insert_checkpoint(Database& db, const Checkpoint& cp) {
    auto q = db.prepare("INSERT INTO checkpoints(kiosk_id, seq, head, time, kiosk_public_key, "
                        "signature) VALUES (?1, ?2, ?3, ?4, ?5, ?6)");
    if (!q) return q.error();
    q->bind(1, cp.kiosk_id).bind(2, to_sql(cp.seq)).bind_blob(3, cp.head).bind(4, cp.time);
    q->bind_blob(5, cp.kiosk_public_key).bind_blob(6, cp.signature);
    return q->run();
}

} // namespace entry_store

namespace {

// A -wal beside a log means the copy was taken while its kiosk ran (docs/entry-log-format.md
// allows that): its newest rows are in the WAL, which an immutable open would not read. Both
// files are then copied into a private folder and the copy is read; the evidence itself is still
// never opened for writing. The folder goes when the reading is done.
class PrivateCopy {
  public:
    static Outcome<PrivateCopy> of(const std::string& path) {
        PrivateCopy copy;
        std::string folder = (std::filesystem::temp_directory_path() / "accred-log-XXXXXX").string();
        if (::mkdtemp(folder.data()) == nullptr)
            return Error{"cannot make a private folder to read " + path + " with its -wal"};
        copy.folder_ = folder;
        std::error_code ec;
        for (const char* suffix : {"", "-wal"})
            std::filesystem::copy_file(path + suffix, folder + "/log.db" + suffix, ec);
        if (ec) return Error{"cannot copy " + path + " and its -wal to read them: " + ec.message()};
        return copy;
    }
    PrivateCopy() = default;
    PrivateCopy(PrivateCopy&& other) noexcept : folder_(std::exchange(other.folder_, {})) {}
    PrivateCopy& operator=(PrivateCopy&&) = delete;
    ~PrivateCopy() {
        std::error_code ec;
        if (!folder_.empty()) std::filesystem::remove_all(folder_, ec);
    }
    std::string file() const { return folder_ + "/log.db"; }

  private:
    std::string folder_;
};

bool has_wal(const std::string& path) {
    std::error_code ec;
    return std::filesystem::file_size(path + "-wal", ec) > 0 && !ec;
}

} // namespace

Outcome<LogContents> read_log_readonly(const std::string& path) {
    std::optional<PrivateCopy> copy;
    if (has_wal(path)) {
        auto made = PrivateCopy::of(path);
        if (!made) return made.error();
        copy.emplace(std::move(made).value());
    }
    // Errors still name the file handed in, never the private copy.
    auto db = copy ? Database::open(copy->file(), Database::Mode::read_only)
                   : Database::open(path, Database::Mode::evidence);
    if (!db) return copy ? Error{"cannot open database " + path + ": " + db.error().message}
                         : db.error();
    entry_store::limit_value_size(db.value());
    if (auto s = entry_store::quick_check(db.value(), path); !s) return s.error();
    LogContents out;
    auto meta = entry_store::read_meta(db.value(), path);
    if (!meta) return meta.error();
    out.kiosk_id = meta->kiosk_id;
    out.schema_version = meta->schema_version;
    auto rows = entry_store::read_rows(db.value(), path, 0, meta->schema_version);
    if (!rows) return rows.error();
    out.rows = std::move(rows).value();
    auto checkpoints = entry_store::read_checkpoints(db.value(), path);
    if (!checkpoints) return checkpoints.error();
    out.checkpoints = std::move(checkpoints).value();
    return out;
}

Outcome<std::vector<EntryRecord>> read_log_rows_readonly(const std::string& path) {
    auto contents = read_log_readonly(path);
    if (!contents) return contents.error();
    return std::move(contents.value().rows);
}

} // namespace accred
