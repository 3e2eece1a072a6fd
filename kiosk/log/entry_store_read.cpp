#include "entry_store.h"
#include "entry_store_detail.h"
#include "kiosk/log/entry_chain.h"

namespace accred::entry_store {

using detail::copy_exact;
using detail::in_file;
using detail::to_sql;

namespace {

// Total text and blob bytes one read may load: far above a million typical rows.
constexpr std::size_t kMaxBytesRead = 512u * 1024 * 1024;

// typeof() does not load values, so this finds a mistyped row before anything large is read.
constexpr const char* kTypeCheck = R"sql(
SELECT seq FROM entries WHERE NOT (
    typeof(seq) = 'integer' AND typeof(time) = 'integer' AND typeof(simulated_time) = 'integer'
    AND typeof(kiosk_id) = 'text' AND typeof(gate) = 'text' AND typeof(zone) = 'text'
    AND typeof(direction) = 'text' AND typeof(verdict) = 'text' AND typeof(reason) = 'text'
    AND typeof(holder) IN ('text', 'null') AND typeof(cti) IN ('blob', 'null')
    AND typeof(issue) IN ('integer', 'null') AND typeof(override_by) IN ('text', 'null')
    AND typeof(original_reason) IN ('text', 'null') AND typeof(credential) = 'blob'
    AND typeof(prev_hash) = 'blob' AND typeof(hash) = 'blob') LIMIT 1)sql";

constexpr const char* kSelectRows =
    "SELECT seq, time, simulated_time, kiosk_id, gate, zone, direction, verdict, reason, holder, "
    "cti, issue, override_by, original_reason, credential, prev_hash, hash FROM entries "
    "WHERE seq > ?1 ORDER BY seq";

// Reads one row at the statement's cursor; nullopt names nothing, the caller adds the seq.
std::optional<EntryRecord> decode_row(const Statement& q, std::size_t& budget) {
    EntryRecord r;
    const std::int64_t seq = q.column_int(0);
    const std::int64_t simulated = q.column_int(2);
    const std::int64_t issue = q.column_int(11);
    if (seq < 1 || (simulated != 0 && simulated != 1)) return std::nullopt;
    if (!q.column_is_null(11) && (issue < 0 || issue > 0xFFFFFFFF)) return std::nullopt;
    r.seq = static_cast<std::uint64_t>(seq);
    r.time = q.column_int(1);
    r.simulated_time = simulated == 1;
    std::string* texts[] = {&r.kiosk_id, &r.gate, &r.zone, nullptr, &r.verdict, &r.reason};
    for (int i = 0; i < 6; ++i) {
        const std::string value = q.column_text(3 + i);
        if (value.size() > kMaxLogFieldBytes) return std::nullopt;
        if (texts[i])
            *texts[i] = value;
        else if (value == "entry" || value == "exit")
            r.direction = value == "entry" ? Direction::entry : Direction::exit;
        else
            return std::nullopt;
    }
    std::optional<std::string>* optional_texts[] = {&r.holder, &r.override_by, &r.original_reason};
    const int optional_columns[] = {9, 12, 13};
    for (int i = 0; i < 3; ++i) {
        if (q.column_is_null(optional_columns[i])) continue;
        *optional_texts[i] = q.column_text(optional_columns[i]);
        if ((*optional_texts[i])->size() > kMaxLogFieldBytes) return std::nullopt;
    }
    if (!q.column_is_null(10) && !copy_exact(q.column_blob(10), r.cti.emplace()))
        return std::nullopt;
    if (!q.column_is_null(11)) r.issue = static_cast<std::uint32_t>(issue);
    r.credential = q.column_blob(14);
    if (r.credential.size() > kMaxLogCredentialBytes) return std::nullopt;
    if (!copy_exact(q.column_blob(15), r.prev_hash) || !copy_exact(q.column_blob(16), r.hash))
        return std::nullopt;
    const std::size_t size = 256 + r.credential.size();
    if (size > budget) return std::nullopt;
    budget -= size;
    return r;
}

} // namespace

Outcome<std::vector<EntryRecord>> read_rows(Database& db, const std::string& path,
                                            std::uint64_t after_seq) {
    auto types = db.prepare(kTypeCheck);
    if (!types) return in_file(path, "not an entry log of a known form: " + types.error().message);
    auto mistyped = types->step();
    if (!mistyped) return in_file(path, mistyped.error().message);
    if (mistyped.value())
        return in_file(path, "row " + std::to_string(types->column_int(0)) +
                                 " has a value of the wrong type");
    auto q = db.prepare(kSelectRows);
    if (!q) return in_file(path, "not an entry log of a known form: " + q.error().message);
    q->bind(1, to_sql(after_seq));
    std::vector<EntryRecord> rows;
    std::size_t budget = kMaxBytesRead;
    for (;;) {
        auto step = q->step();
        if (!step) return in_file(path, "reading rows failed: " + step.error().message);
        if (!step.value()) break;
        if (rows.size() == kMaxLogRows)
            return in_file(path, "more than " + std::to_string(kMaxLogRows) + " rows");
        auto row = decode_row(q.value(), budget);
        if (!row)
            return in_file(path, "row " + std::to_string(q->column_int(0)) +
                                     " has a value out of range or too long");
        rows.push_back(std::move(*row));
    }
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

Outcome<std::pair<std::uint64_t, std::array<std::uint8_t, 32>>> stored_head(Database& db) {
    auto q = db.prepare("SELECT seq, hash FROM entries ORDER BY seq DESC LIMIT 1");
    if (!q) return q.error();
    auto row = q->step();
    if (!row) return row.error();
    std::pair<std::uint64_t, std::array<std::uint8_t, 32>> head{0, {}};
    if (row.value()) {
        head.first = static_cast<std::uint64_t>(q->column_int(0));
        if (!copy_exact(q->column_blob(1), head.second))
            return Error{"the last row's hash is malformed"};
    }
    return head;
}

} // namespace accred::entry_store
