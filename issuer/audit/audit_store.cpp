#include "audit_store.h"

#include "entrylog/entry_columns.h"
#include "entrylog/entry_fields.h"
#include "issuer/audit/audit_store_schema.h"
#include "issuer/audit/presence_change.h"

#include <algorithm>
#include <cassert>
#include <filesystem>
#include <set>
#include <tuple>
#include <unordered_map>

namespace accred {
namespace {

// The anomaly scans sort a million rows (window functions, GROUP BY): with SQLite's default 2 MiB
// page cache and temporary files they slow down tenfold past a few hundred thousand rows.
constexpr const char* kWorkingMemory = "PRAGMA cache_size = -131072; PRAGMA temp_store = MEMORY";

std::span<const std::uint8_t> blob(const std::string& s) {
    return {reinterpret_cast<const std::uint8_t*>(s.data()), s.size()};
}

template <std::size_t N> void copy_blob(const std::string& from, std::array<std::uint8_t, N>& to) {
    std::copy_n(from.begin(), std::min(from.size(), N), to.begin());
}

const char* passback_name(AntiPassback a) {
    switch (a) {
    case AntiPassback::none:
        return "none";
    case AntiPassback::soft:
        return "soft";
    case AntiPassback::hard:
        return "hard";
    case AntiPassback::timed:
        return "timed";
    }
    return "none";
}

Status write_event(Database& db, const EventDefinition& e) {
    auto meta = db.prepare("INSERT INTO meta(key, value) VALUES (?1, ?2)");
    if (!meta) return meta.error();
    for (const auto& [k, v] : {std::pair<std::string, std::string>{"format", audit_schema::kFormat},
                               {"schema_version", audit_schema::kVersion},
                               {"event_id", e.id},
                               {"event_name", e.name},
                               {"time_zone", e.time_zone}}) {
        if (auto s = meta->bind(1, k).bind(2, v).run(); !s) return s;
    }
    auto zone = db.prepare("INSERT INTO zones(id, name, parent) VALUES (?1, ?2, ?3)");
    if (!zone) return zone.error();
    for (const Zone& z : e.zones) {
        zone->bind(1, z.id).bind(2, z.name);
        if (z.parent)
            zone->bind(3, *z.parent);
        else
            zone->bind_null(3);
        if (auto s = zone->run(); !s) return s;
    }
    auto gate = db.prepare("INSERT INTO gates(id, name, zone, direction, anti_passback, "
                           "passback_minutes) VALUES (?1, ?2, ?3, ?4, ?5, ?6)");
    if (!gate) return gate.error();
    for (const Gate& g : e.gates) {
        gate->bind(1, g.id).bind(2, g.name).bind(3, g.zone);
        gate->bind(4, direction_name(g.direction));
        gate->bind(5, passback_name(g.anti_passback)).bind(6, std::int64_t{g.passback_minutes});
        if (auto s = gate->run(); !s) return s;
    }
    return success();
}

// The entries table's columns in insert_entry's order: every field of a row, then its format.
std::string entry_insert_sql() {
    return "INSERT INTO entries(" + entry_columns() + ", row_format) VALUES (" +
           entry_parameters(1) + ", ?" + std::to_string(kEntryFieldCount + 1) + ")";
}

Status insert_entry(Statement& q, const EntryRecord& r, std::int64_t credential_id) {
    bind_entry_fields(q, 1, r);
    // The credential column holds the id of its text in the credentials table.
    static const int credential_parameter = static_cast<int>(entry_field_index("credential")) + 1;
    q.bind(credential_parameter, credential_id);
    q.bind(static_cast<int>(kEntryFieldCount) + 1, std::int64_t{r.format});
    return q.run();
}

using SchemaObjects = std::set<std::tuple<std::string, std::string, std::string, std::string>>;

// Every object of db's schema as (type, name, table, CREATE text): what sqlite_master holds.
Outcome<SchemaObjects> schema_objects(Database& db) {
    SchemaObjects out;
    auto q = db.prepare("SELECT type, name, tbl_name, coalesce(sql, '') FROM sqlite_master");
    if (!q) return q.error();
    Status read = for_each_row(q.value(), [&](Statement& r) {
        out.emplace(r.column_text(0), r.column_text(1), r.column_text(2), r.column_text(3));
    });
    if (!read) return read.error();
    return out;
}

// The schemas an audit store may have: as `audit merge` makes it, and with the desk's fleet
// tables. Made by running the same statements on an empty in-memory database, so that SQLite's
// own text of each object is what a file must hold, byte for byte.
const std::vector<SchemaObjects>& expected_schemas() {
    static const std::vector<SchemaObjects> schemas = [] {
        std::vector<SchemaObjects> out;
        auto db = Database::open(":memory:", Database::Mode::read_write_create);
        if (!db) return out; // then every store is refused (check_exact_schema)
        for (const char* ddl : {audit_schema::kCreate, audit_schema::kPresenceFeedTables}) {
            if (!db->exec(ddl)) break;
            if (out.empty() && !db->exec(audit_schema::kCreateIndexes)) break;
            auto objects = schema_objects(db.value());
            if (!objects) break;
            out.push_back(std::move(objects).value());
        }
        assert(out.size() == 2);
        return out;
    }();
    return schemas;
}

// Refuses a store whose schema is not exactly one an audit store has: a view, a virtual table,
// a trigger, an extra index or a changed column could each make a query run for ever, or read
// something other than what it names, before a single row is looked at.
Status check_exact_schema(Database& db, const std::string& path) {
    auto objects = schema_objects(db);
    if (!objects) return Error{path + ": cannot read its schema: " + objects.error().message};
    if (expected_schemas().size() != 2) return Error{"cannot prepare the audit store's schema check"};
    for (const SchemaObjects& expected : expected_schemas())
        if (objects.value() == expected) return success();
    const SchemaObjects& base = expected_schemas().front();
    const SchemaObjects& full = expected_schemas().back();
    for (const auto& object : objects.value())
        if (!full.contains(object))
            return Error{path + " is not an audit store made by issuer audit merge: its " +
                         std::get<0>(object) + " " + std::get<1>(object) +
                         " is not one an audit store has"};
    for (const auto& object : base)
        if (!objects->contains(object))
            return Error{path + " is not an audit store made by issuer audit merge: its " +
                         std::get<0>(object) + " " + std::get<1>(object) + " is missing"};
    return Error{path + " is not an audit store made by issuer audit merge: it has only part of "
                        "the desk's fleet tables"};
}

} // namespace

std::string store_entry_select() {
    return "SELECT " + entry_columns("entries.", {{"credential", "credentials.text"}}) +
           ", entries.row_format FROM entries JOIN credentials ON credentials.id = entries.credential";
}

Outcome<EntryRecord> row_from_store(const Statement& q, int first) {
    auto row = read_entry_fields(q, first);
    const std::int64_t format = q.column_int(first + static_cast<int>(kEntryFieldCount));
    if (row && format != kEntryRowV1 && format != kEntryRowV2)
        row = Error{"row_format " + std::to_string(format) + " is unknown"};
    if (!row)
        return Error{"the audit store's row " + std::to_string(q.column_int(first)) + " of kiosk " +
                     q.column_text(first + static_cast<int>(entry_field_index("kiosk_id"))).substr(
                         0, kMaxLogFieldBytes) +
                     ": " + row.error().message};
    row->format = static_cast<std::uint8_t>(format);
    return row;
}

Outcome<AuditStore> AuditStore::open_for_merge(const std::string& path,
                                               const EventDefinition& event) {
    std::error_code ec;
    const bool exists =
        std::filesystem::exists(path, ec) && std::filesystem::file_size(path, ec) > 0;
    auto db = Database::open(path, Database::Mode::read_write_create);
    if (!db) return db.error();
    AuditStore store(path, std::move(db).value());
    if (auto s = store.db_.exec(kWorkingMemory); !s) return s.error();
    if (!exists) {
        Status made = in_transaction(store.db_, [&]() -> Status {
            if (auto s = store.db_.exec(audit_schema::kCreate); !s) return s;
            if (auto s = store.db_.exec(audit_schema::kCreateIndexes); !s) return s;
            return write_event(store.db_, event);
        });
        if (!made) return Error{path + ": cannot create the audit store: " + made.error().message};
    }
    if (auto s = store.load_event(); !s) return s.error();
    auto feed = store.has_presence_feed();
    if (!feed) return feed.error();
    store.feed_ = feed.value();
    if (store.event_.id != event.id)
        return Error{path + " is the audit store of event " + store.event_.id + ", not " +
                     event.id};
    return store;
}

Outcome<AuditStore> AuditStore::open_readonly(const std::string& path) {
    if (!std::filesystem::exists(path)) return Error{path + " does not exist"};
    // Not immutable: the desk's own store may be written by issuer serve while it is queried.
    auto db = Database::open(path, Database::Mode::bounded_read);
    if (!db) return db.error();
    entry_store::limit_value_size(db.value());
    if (auto s = check_exact_schema(db.value(), path); !s) return s.error();
    if (auto s = entry_store::quick_check(db.value(), path); !s) return s.error();
    AuditStore store(path, std::move(db).value());
    if (auto s = store.db_.exec(kWorkingMemory); !s) return s.error();
    if (auto s = store.load_event(); !s) return s.error();
    return store;
}

Status AuditStore::load_event() {
    const Error foreign{path_ + " is not an audit store (made by issuer audit merge)"};
    auto meta = db_.prepare("SELECT key, value FROM meta");
    if (!meta) return foreign;
    std::string format;
    std::string version;
    Status read = for_each_row(meta.value(), [&](Statement& q) {
        const std::string key = q.column_text(0);
        const std::string value = q.column_text(1);
        if (key == "format")
            format = value;
        else if (key == "schema_version")
            version = value;
        else if (key == "event_id")
            event_.id = value;
        else if (key == "event_name")
            event_.name = value;
        else if (key == "time_zone")
            event_.time_zone = value;
    });
    if (!read) return Error{path_ + ": " + read.error().message};
    if (format != audit_schema::kFormat || version != audit_schema::kVersion) return foreign;
    auto zones = db_.prepare("SELECT id, name, parent FROM zones ORDER BY rowid");
    if (!zones) return foreign;
    read = for_each_row(zones.value(), [&](Statement& q) {
        Zone z;
        z.id = q.column_text(0);
        z.name = q.column_text(1);
        if (!q.column_is_null(2)) z.parent = q.column_text(2);
        event_.zones.push_back(std::move(z));
    });
    if (!read) return Error{path_ + ": " + read.error().message};
    auto gates = db_.prepare("SELECT id, name, zone, direction FROM gates ORDER BY rowid");
    if (!gates) return foreign;
    read = for_each_row(gates.value(), [&](Statement& q) {
        Gate g;
        g.id = q.column_text(0);
        g.name = q.column_text(1);
        g.zone = q.column_text(2);
        // The store was written from an event definition: anything else reads as an entry, which
        // the audit's checks of each row against its gate then report.
        g.direction = direction_from_name(q.column_text(3)).value_or(Direction::entry);
        event_.gates.push_back(std::move(g));
    });
    if (!read) return Error{path_ + ": " + read.error().message};
    return success();
}

Outcome<MergeResult> AuditStore::merge(const LogContents& log, const std::string& gate,
                                       const std::string& source) {
    MergeResult result;
    Status done = in_transaction(db_, [&]() -> Status {
        auto kiosk = db_.prepare("INSERT INTO kiosks(kiosk_id, gate, first_source) VALUES "
                                 "(?1, ?2, ?3) ON CONFLICT(kiosk_id) DO NOTHING");
        if (!kiosk) return kiosk.error();
        if (auto s = kiosk->bind(1, log.kiosk_id).bind(2, gate).bind(3, source).run(); !s) return s;
        auto head = db_.prepare("SELECT seq FROM entries WHERE kiosk_id = ?1 "
                                "ORDER BY seq DESC LIMIT 1");
        if (!head) return head.error();
        head->bind(1, log.kiosk_id);
        auto row = head->step();
        if (!row) return row.error();
        const std::uint64_t held =
            row.value() ? static_cast<std::uint64_t>(head->column_int(0)) : 0;
        // The chains link every row to the one before, so one equal hash at the same seq means
        // every row up to it is the same.
        const std::uint64_t common = std::min<std::uint64_t>(held, log.rows.size());
        if (common > 0) {
            auto at = db_.prepare("SELECT hash FROM entries WHERE kiosk_id = ?1 AND seq = ?2");
            if (!at) return at.error();
            at->bind(1, log.kiosk_id).bind(2, static_cast<std::int64_t>(common));
            auto found = at->step();
            if (!found) return found.error();
            const auto& mine = log.rows[common - 1].hash;
            if (!found.value() || at->column_blob(0) != std::string(mine.begin(), mine.end()))
                return Error{source + ": row " + std::to_string(common) + " of kiosk " +
                             log.kiosk_id + " differs from the row the store holds (" + path_ +
                             "): another copy of the log, or a fork; nothing merged"};
        }
        const bool rebuild = log.rows.size() - common >= audit_schema::kRebuildIndexesFrom;
        if (rebuild)
            if (auto s = db_.exec(audit_schema::kDropIndexes); !s) return s;
        if (auto s = insert_rows(std::span(log.rows).subspan(common)); !s) return s;
        if (rebuild)
            if (auto s = db_.exec(audit_schema::kCreateIndexes); !s) return s;
        result.added = log.rows.size() - common;
        result.already = common;
        auto cp = db_.prepare("INSERT INTO checkpoints(kiosk_id, seq, head, time, "
                              "kiosk_public_key, signature) VALUES (?1, ?2, ?3, ?4, ?5, ?6) "
                              "ON CONFLICT DO NOTHING");
        if (!cp) return cp.error();
        for (const Checkpoint& c : log.checkpoints) {
            cp->bind(1, c.kiosk_id).bind(2, static_cast<std::int64_t>(c.seq)).bind_blob(3, c.head);
            cp->bind(4, c.time).bind_blob(5, c.kiosk_public_key).bind_blob(6, c.signature);
            if (auto s = cp->run(); !s) return s;
        }
        return success();
    });
    if (!done) return done.error();
    return result;
}

Status AuditStore::insert_rows(std::span<const EntryRecord> rows, const RowDistrust& distrusted) {
    auto insert = db_.prepare(entry_insert_sql());
    if (!insert) return insert.error();
    auto add_text = db_.prepare("INSERT INTO credentials(text) VALUES (?1) ON CONFLICT(text) "
                                "DO UPDATE SET text = text RETURNING id");
    if (!add_text) return add_text.error();
    auto feed = db_.prepare(feed_ ? "INSERT INTO presence_feed(kiosk_id, seq) VALUES (?1, ?2)"
                                  : "SELECT 1");
    if (!feed) return feed.error();
    auto refuse = db_.prepare(distrusted.empty() ? "SELECT 1"
                                                 : "INSERT INTO refused_rows(kiosk_id, seq, why) "
                                                   "VALUES (?1, ?2, ?3) ON CONFLICT DO NOTHING");
    if (!refuse) return refuse.error();
    std::unordered_map<std::string, std::int64_t> ids; // a gate sees the same badges all day
    for (const EntryRecord& r : rows) {
        auto id = ids.find(r.credential);
        if (id == ids.end()) {
            add_text->bind_blob(1, blob(r.credential));
            auto got = add_text->step();
            if (!got) return got.error();
            const std::int64_t value = add_text->column_int(0);
            add_text->reset();
            id = ids.emplace(r.credential, value).first;
        }
        if (auto s = insert_entry(insert.value(), r, id->second); !s) return s;
        if (const auto why = distrusted.find(r.seq); why != distrusted.end()) {
            refuse->bind(1, r.kiosk_id).bind(2, static_cast<std::int64_t>(r.seq));
            if (auto s = refuse->bind(3, why->second).run(); !s) return s;
            continue; // kept as evidence, never handed to another kiosk
        }
        if (feed_ && changes_presence(r)) {
            feed->bind(1, r.kiosk_id).bind(2, static_cast<std::int64_t>(r.seq));
            if (auto s = feed->run(); !s) return s;
        }
    }
    return success();
}

Outcome<std::vector<LogContents>> AuditStore::kiosk_logs() {
    std::vector<LogContents> out;
    auto kiosks = db_.prepare("SELECT kiosk_id FROM kiosks ORDER BY kiosk_id");
    if (!kiosks) return kiosks.error();
    if (auto s = for_each_row(kiosks.value(), [&](Statement& q) {
            out.push_back(LogContents{q.column_text(0), kEntryLogSchemaVersion, {}, {}});
        });
        !s)
        return s.error();
    auto rows = db_.prepare(store_entry_select() + " WHERE kiosk_id = ?1 ORDER BY seq");
    auto cps = db_.prepare("SELECT kiosk_id, seq, head, time, kiosk_public_key, signature "
                           "FROM checkpoints WHERE kiosk_id = ?1 ORDER BY seq, time");
    if (!rows) return rows.error();
    if (!cps) return cps.error();
    for (LogContents& log : out) {
        rows->reset();
        rows->bind(1, log.kiosk_id);
        if (auto s = for_each_row(rows.value(),
                                  [&](Statement& q) -> Status {
                                      auto row = row_from_store(q);
                                      if (!row) return row.error();
                                      log.rows.push_back(std::move(row).value());
                                      return success();
                                  });
            !s)
            return s.error();
        cps->reset();
        cps->bind(1, log.kiosk_id);
        Status read = for_each_row(cps.value(), [&](Statement& q) {
            Checkpoint c;
            c.kiosk_id = q.column_text(0);
            c.seq = static_cast<std::uint64_t>(std::max<std::int64_t>(0, q.column_int(1)));
            copy_blob(q.column_blob(2), c.head);
            c.time = q.column_int(3);
            copy_blob(q.column_blob(4), c.kiosk_public_key);
            copy_blob(q.column_blob(5), c.signature);
            log.checkpoints.push_back(c);
        });
        if (!read) return read.error();
    }
    return out;
}

} // namespace accred
