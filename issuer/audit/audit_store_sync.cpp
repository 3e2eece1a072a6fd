// AuditStore's incremental side, for rows pushed by kiosks over the network (issuer serve): the
// head per kiosk, verified appends, checkpoints as they come, and the presence feed.
#include "audit_store.h"
#include "entrylog/entry_columns.h"
#include "entrylog/entry_fields.h"
#include "issuer/audit/audit_store_schema.h"
#include "issuer/audit/presence_change.h"

#include <algorithm>
#include <nlohmann/json.hpp>

namespace accred {
namespace {

std::string hex_prefix(const Hash32& h) {
    static constexpr char kDigits[] = "0123456789abcdef";
    std::string out;
    for (std::size_t i = 0; i < 8; ++i) {
        out += kDigits[h[i] >> 4];
        out += kDigits[h[i] & 15];
    }
    return out;
}

Hash32 hash_from_blob(const std::string& b) {
    Hash32 h{};
    std::copy_n(b.begin(), std::min(b.size(), h.size()), h.begin());
    return h;
}

std::string row_name(const EntryRecord& r) {
    return "row " + std::to_string(r.seq);
}

// The same shape checks as verify_chain, for rows that continue a held chain: link, hash, fields,
// and the clock rule against the time of the last held row that counts for the clock.
Status check_new_rows(std::span<const EntryRecord> rows, const Hash32& head_hash,
                      std::optional<std::int64_t> clock_floor) {
    Hash32 previous = head_hash;
    for (const EntryRecord& r : rows) {
        if (r.prev_hash != previous)
            return Error{row_name(r) + ": prev_hash is not the hash of row " +
                         std::to_string(r.seq - 1)};
        if (entry_hash(r) != r.hash)
            return Error{row_name(r) + ": its hash is not the hash of its fields"};
        if (auto problem = entry_field_problem(r)) return Error{row_name(r) + ": " + *problem};
        if (entry_counts_for_clock(r)) {
            if (clock_floor && r.time < *clock_floor)
                return Error{row_name(r) + ": its time is earlier than an earlier real-clock row "
                                           "and it is not marked clock_suspect"};
            clock_floor = r.time;
        }
        previous = r.hash;
    }
    return success();
}

// Shape of a push: every row this kiosk's and this gate's, seqs running on from at least 1.
Status check_batch(const std::string& kiosk_id, const std::string& gate,
                   std::span<const EntryRecord> rows) {
    for (std::size_t i = 0; i < rows.size(); ++i) {
        const EntryRecord& r = rows[i];
        if (r.kiosk_id != kiosk_id)
            return Error{row_name(r) + " names kiosk " + r.kiosk_id + ", not the sender " +
                         kiosk_id};
        if (r.gate != gate)
            return Error{row_name(r) + " was logged at gate " + r.gate + ", but kiosk " + kiosk_id +
                         " is registered at gate " + gate};
        if (r.seq != rows[0].seq + i || rows[0].seq == 0)
            return Error{"the rows' seqs do not run on from " + std::to_string(rows[0].seq)};
    }
    return success();
}

} // namespace

Outcome<std::pair<std::uint64_t, Hash32>> AuditStore::head(const std::string& kiosk_id) {
    auto q = db_.prepare("SELECT seq, hash FROM entries WHERE kiosk_id = ?1 "
                         "ORDER BY seq DESC LIMIT 1");
    if (!q) return q.error();
    q->bind(1, kiosk_id);
    auto held = first_row(q.value(), [](const Statement& r) {
        return std::pair{static_cast<std::uint64_t>(r.column_int(0)),
                         hash_from_blob(r.column_blob(1))};
    });
    if (!held) return held.error();
    return held->value_or(std::pair<std::uint64_t, Hash32>{0, Hash32{}});
}

Outcome<AppendResult> AuditStore::append_verified(const std::string& kiosk_id,
                                                  const std::string& gate,
                                                  const std::string& source,
                                                  std::span<const EntryRecord> rows,
                                                  const RowDistrust& distrusted) {
    if (auto s = check_batch(kiosk_id, gate, rows); !s) return s.error();
    AppendResult result;
    Status done = in_transaction(db_, [&]() -> Status {
        auto held = head(kiosk_id);
        if (!held) return held.error();
        result.head = held->first;
        result.head_hash = held->second;
        if (rows.empty()) return success();
        auto at = db_.prepare("SELECT hash FROM entries WHERE kiosk_id = ?1 AND seq = ?2");
        if (!at) return at.error();
        std::size_t first_new = 0;
        for (; first_new < rows.size() && rows[first_new].seq <= result.head; ++first_new) {
            const EntryRecord& r = rows[first_new];
            at->reset();
            at->bind(1, kiosk_id).bind(2, static_cast<std::int64_t>(r.seq));
            auto found = first_row(at.value(), [](const Statement& h) {
                return hash_from_blob(h.column_blob(0));
            });
            if (!found) return found.error();
            const Hash32 stored = found->value_or(Hash32{});
            if (!found->has_value() || stored != r.hash) {
                result.fork = RowFork{r.seq, stored, r.hash};
                return success();
            }
        }
        result.already = first_new;
        const auto fresh = rows.subspan(first_new);
        if (fresh.empty()) return success();
        if (fresh.front().seq != result.head + 1) {
            result.gap = true;
            return success();
        }
        if (fresh.front().prev_hash != result.head_hash) { // another history before this row
            result.fork = RowFork{result.head, result.head_hash, fresh.front().prev_hash};
            return success();
        }
        auto floor = db_.prepare("SELECT time FROM entries WHERE kiosk_id = ?1 AND "
                                 "simulated_time = 0 AND reason <> 'clock_suspect' AND "
                                 "coalesce(original_reason, '') <> 'clock_suspect' AND "
                                 "instr(',' || other_reasons || ',', ',clock_suspect,') = 0 "
                                 "ORDER BY seq DESC LIMIT 1");
        if (!floor) return floor.error();
        floor->bind(1, kiosk_id);
        auto clock_floor =
            first_row(floor.value(), [](const Statement& t) { return t.column_int(0); });
        if (!clock_floor) return clock_floor.error();
        floor->reset();
        if (auto s = check_new_rows(fresh, result.head_hash, clock_floor.value()); !s)
            return Error{"kiosk " + kiosk_id + ", " + s.error().message};
        auto kiosk = db_.prepare("INSERT INTO kiosks(kiosk_id, gate, first_source) VALUES "
                                 "(?1, ?2, ?3) ON CONFLICT(kiosk_id) DO NOTHING");
        if (!kiosk) return kiosk.error();
        if (auto s = kiosk->bind(1, kiosk_id).bind(2, gate).bind(3, source).run(); !s) return s;
        if (auto s = insert_rows(fresh, distrusted); !s) return s;
        for (const EntryRecord& r : fresh)
            if (distrusted.contains(r.seq)) ++result.refused;
        result.added = fresh.size();
        result.head = fresh.back().seq;
        result.head_hash = fresh.back().hash;
        return success();
    });
    if (!done) return done.error();
    return result;
}

Outcome<bool> AuditStore::add_checkpoint(const Checkpoint& c) {
    bool stored = false;
    Status done = in_transaction(db_, [&]() -> Status {
        if (c.seq > 0) {
            auto at = db_.prepare("SELECT hash FROM entries WHERE kiosk_id = ?1 AND seq = ?2");
            if (!at) return at.error();
            at->bind(1, c.kiosk_id).bind(2, static_cast<std::int64_t>(c.seq));
            auto found = first_row(at.value(), [](const Statement& h) {
                return hash_from_blob(h.column_blob(0));
            });
            if (!found) return found.error();
            if (!found->has_value()) return success(); // the rows have not arrived yet
            if (**found != c.head)
                return Error{"kiosk " + c.kiosk_id + " signed a checkpoint at row " +
                             std::to_string(c.seq) + " naming head " + hex_prefix(c.head) +
                             "..., but the row held there is another: its log forked"};
        }
        auto cp = db_.prepare("INSERT INTO checkpoints(kiosk_id, seq, head, time, "
                              "kiosk_public_key, signature) VALUES (?1, ?2, ?3, ?4, ?5, ?6) "
                              "ON CONFLICT DO NOTHING");
        if (!cp) return cp.error();
        cp->bind(1, c.kiosk_id).bind(2, static_cast<std::int64_t>(c.seq)).bind_blob(3, c.head);
        cp->bind(4, c.time).bind_blob(5, c.kiosk_public_key).bind_blob(6, c.signature);
        stored = true;
        return cp->run();
    });
    if (!done) return done.error();
    return stored;
}

Outcome<std::map<std::pair<std::string, std::uint64_t>, std::string>> AuditStore::refused_rows() {
    std::map<std::pair<std::string, std::uint64_t>, std::string> out;
    auto exists = db_.prepare("SELECT 1 FROM sqlite_master WHERE type = 'table' AND "
                              "name = 'refused_rows'");
    if (!exists) return exists.error();
    auto found = first_row(exists.value(), [](const Statement&) { return true; });
    if (!found) return found.error();
    if (!found->has_value()) return out; // a store merged from files: nothing was pushed
    auto q = db_.prepare("SELECT kiosk_id, seq, why FROM refused_rows ORDER BY kiosk_id, seq");
    if (!q) return q.error();
    Status read = for_each_row(q.value(), [&](Statement& r) {
        out.emplace(std::pair{r.column_text(0), static_cast<std::uint64_t>(r.column_int(1))},
                    r.column_text(2));
    });
    if (!read) return read.error();
    return out;
}

Outcome<bool> AuditStore::has_presence_feed() {
    auto q = db_.prepare("SELECT 1 FROM sqlite_master WHERE type = 'table' AND "
                         "name = 'presence_feed'");
    if (!q) return q.error();
    auto found = first_row(q.value(), [](const Statement&) { return true; });
    if (!found) return found.error();
    return found->has_value();
}

Status AuditStore::enable_presence_feed() {
    // A feed kept before refused_rows existed gets it now.
    if (feed_) return db_.exec(audit_schema::kPresenceFeedTables);
    Status made = in_transaction(db_, [&]() -> Status {
        if (auto s = db_.exec(audit_schema::kPresenceFeedTables); !s) return s;
        auto held_refusals = refused_rows();
        if (!held_refusals) return held_refusals.error();
        const auto& refused = held_refusals.value();
        // Rows merged before the feed existed, in the order they happened.
        auto rows = db_.prepare(store_entry_select() + " ORDER BY time, kiosk_id, seq");
        auto add = db_.prepare("INSERT INTO presence_feed(kiosk_id, seq) VALUES (?1, ?2) "
                               "ON CONFLICT DO NOTHING");
        if (!rows) return rows.error();
        if (!add) return add.error();
        for (auto r = rows->step();; r = rows->step()) {
            if (!r) return r.error();
            if (!r.value()) break;
            auto read = row_from_store(rows.value());
            if (!read) return read.error();
            const EntryRecord& row = read.value();
            if (!changes_presence(row) || refused.contains({row.kiosk_id, row.seq})) continue;
            add->bind(1, row.kiosk_id).bind(2, static_cast<std::int64_t>(row.seq));
            if (auto s = add->run(); !s) return s;
        }
        return success();
    });
    if (!made) return Error{path_ + ": cannot keep the presence feed: " + made.error().message};
    feed_ = true;
    return success();
}

Outcome<PresenceBatch> AuditStore::presence_after(std::uint64_t cursor,
                                                  const std::vector<std::string>& zones,
                                                  const std::string& exclude_kiosk,
                                                  std::size_t limit,
                                                  const std::set<std::string>& withheld) {
    if (!feed_) return Error{path_ + " keeps no presence feed"};
    // One read transaction: the rows and the feed's end are seen at the same moment.
    if (auto s = db_.exec("BEGIN"); !s) return s.error();
    auto read = [&]() -> Outcome<PresenceBatch> {
        PresenceBatch batch;
        auto end = db_.prepare("SELECT coalesce(max(id), 0) FROM presence_feed");
        if (!end) return end.error();
        auto got = end->step();
        if (!got) return got.error();
        const auto last = static_cast<std::uint64_t>(std::max<std::int64_t>(0, end->column_int(0)));
        // A cursor past the end belongs to another store (rebuilt): start again, rows only add
        // knowledge.
        if (cursor > last) cursor = 0;
        auto q = db_.prepare(
            "SELECT f.id, " + entry_columns("e.", {{"credential", "c.text"}}) +
            ", e.row_format FROM presence_feed f "
            "JOIN entries e ON e.kiosk_id = f.kiosk_id AND e.seq = f.seq "
            "JOIN credentials c ON c.id = e.credential "
            "WHERE f.id > ?1 AND f.kiosk_id <> ?2 AND e.zone IN (SELECT value FROM json_each(?3)) "
            "AND f.kiosk_id NOT IN (SELECT value FROM json_each(?5)) ORDER BY f.id LIMIT ?4");
        if (!q) return q.error();
        q->bind(1, static_cast<std::int64_t>(cursor)).bind(2, exclude_kiosk);
        q->bind(3, nlohmann::json(zones).dump()).bind(4, static_cast<std::int64_t>(limit + 1));
        q->bind(5, nlohmann::json(withheld).dump());
        batch.cursor = cursor;
        for (auto r = q->step();; r = q->step()) {
            if (!r) return r.error();
            if (!r.value()) break;
            if (batch.rows.size() == limit) {
                batch.more = true;
                break;
            }
            batch.cursor = static_cast<std::uint64_t>(q->column_int(0));
            auto row = row_from_store(q.value(), 1);
            if (!row) return row.error();
            batch.rows.push_back(std::move(row).value());
        }
        if (!batch.more) batch.cursor = last; // every row up to the end was looked at
        return batch;
    };
    auto batch = read();
    (void)db_.exec("COMMIT");
    return batch;
}

} // namespace accred
