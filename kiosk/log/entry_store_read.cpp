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
constexpr const char* kTypeCheckCommon = R"sql(
    typeof(seq) = 'integer' AND typeof(time) = 'integer' AND typeof(simulated_time) = 'integer'
    AND typeof(kiosk_id) = 'text' AND typeof(gate) = 'text' AND typeof(zone) = 'text'
    AND typeof(direction) = 'text' AND typeof(verdict) = 'text' AND typeof(reason) = 'text'
    AND typeof(holder) IN ('text', 'null') AND typeof(cti) IN ('blob', 'null')
    AND typeof(issue) IN ('integer', 'null') AND typeof(override_by) IN ('text', 'null')
    AND typeof(original_reason) IN ('text', 'null') AND typeof(credential) = 'blob'
    AND typeof(prev_hash) = 'blob' AND typeof(hash) = 'blob')sql";
constexpr const char* kTypeCheckV2 =
    " AND typeof(admitted) = 'integer' AND typeof(other_reasons) = 'text'";

// Version 1 has no admitted and other_reasons columns: they are selected as constants that
// decode_row replaces (the flag inferred, no other reasons).
constexpr const char* kSelectColumnsV1 =
    "SELECT seq, time, simulated_time, kiosk_id, gate, zone, direction, verdict, reason, 0, '', "
    "holder, cti, issue, override_by, original_reason, credential, prev_hash, hash FROM entries "
    "WHERE seq > ?1 ORDER BY seq";
constexpr const char* kSelectColumnsV2 =
    "SELECT seq, time, simulated_time, kiosk_id, gate, zone, direction, verdict, reason, "
    "admitted, other_reasons, holder, cti, issue, override_by, original_reason, credential, "
    "prev_hash, hash FROM entries WHERE seq > ?1 ORDER BY seq";

// The typed fields stored as text: each must be a name of its vocabulary.
std::optional<std::string> decode_names(const Statement& q, EntryRecord& r) {
    const std::string direction = q.column_text(6), verdict = q.column_text(7),
                      reason = q.column_text(8);
    const auto d = direction_from_name(direction);
    if (!d) return "direction \"" + direction.substr(0, kMaxLogFieldBytes) + "\" is not entry or exit";
    const auto v = verdict_from_name(verdict);
    if (!v)
        return "verdict \"" + verdict.substr(0, kMaxLogFieldBytes) +
               "\" is not granted, denied or attention";
    const auto why = reason_from_name(reason);
    if (!why)
        return "reason \"" + reason.substr(0, kMaxLogFieldBytes) +
               "\" is not in the reason vocabulary";
    r.direction = *d;
    r.verdict = *v;
    r.reason = *why;
    if (!q.column_is_null(15)) {
        const std::string original = q.column_text(15);
        const auto o = reason_from_name(original);
        if (!o)
            return "original_reason \"" + original.substr(0, kMaxLogFieldBytes) +
                   "\" is not in the reason vocabulary";
        r.original_reason = *o;
    }
    return std::nullopt;
}

// The admitted flag and other reasons: stored in version 2, inferred for version 1.
std::optional<std::string> decode_admission(const Statement& q, int schema_version,
                                            EntryRecord& r) {
    if (schema_version == 1) {
        r.format = kEntryRowV1;
        r.admitted = v1_row_admitted(r.direction, r.verdict, r.reason);
        return std::nullopt;
    }
    r.format = kEntryRowV2;
    const std::int64_t admitted = q.column_int(9);
    if (admitted != 0 && admitted != 1) return "admitted is not 0 or 1";
    r.admitted = admitted == 1;
    const std::string others = q.column_text(10);
    if (others.size() > 1024) return "other_reasons is too long";
    auto reasons = reasons_from_text(others);
    if (!reasons) return "other_reasons holds a name outside the reason vocabulary";
    r.other_reasons = std::move(*reasons);
    return std::nullopt;
}

// Reads one row at the statement's cursor; an error names what is wrong, the caller the seq.
Outcome<EntryRecord> decode_row(const Statement& q, int schema_version, std::size_t& budget) {
    const Error out_of_range{"a value is out of range or too long"};
    EntryRecord r;
    const std::int64_t seq = q.column_int(0);
    const std::int64_t simulated = q.column_int(2);
    const std::int64_t issue = q.column_int(13);
    if (seq < 1 || (simulated != 0 && simulated != 1)) return out_of_range;
    if (!q.column_is_null(13) && (issue < 0 || issue > 0xFFFFFFFF)) return out_of_range;
    r.seq = static_cast<std::uint64_t>(seq);
    r.time = q.column_int(1);
    r.simulated_time = simulated == 1;
    std::string* texts[] = {&r.kiosk_id, &r.gate, &r.zone};
    for (int i = 0; i < 3; ++i) {
        *texts[i] = q.column_text(3 + i);
        if (texts[i]->size() > kMaxLogFieldBytes) return out_of_range;
    }
    if (auto problem = decode_names(q, r)) return Error{*problem};
    if (auto problem = decode_admission(q, schema_version, r)) return Error{*problem};
    std::optional<std::string>* optional_texts[] = {&r.holder, &r.override_by};
    const int optional_columns[] = {11, 14};
    for (int i = 0; i < 2; ++i) {
        if (q.column_is_null(optional_columns[i])) continue;
        *optional_texts[i] = q.column_text(optional_columns[i]);
        if ((*optional_texts[i])->size() > kMaxLogFieldBytes) return out_of_range;
    }
    if (!q.column_is_null(12) && !copy_exact(q.column_blob(12), r.cti.emplace()))
        return out_of_range;
    if (!q.column_is_null(13)) r.issue = static_cast<std::uint32_t>(issue);
    r.credential = q.column_blob(16);
    if (r.credential.size() > kMaxLogCredentialBytes) return out_of_range;
    if (!copy_exact(q.column_blob(17), r.prev_hash) || !copy_exact(q.column_blob(18), r.hash))
        return out_of_range;
    const std::size_t size = 256 + r.credential.size();
    if (size > budget) return Error{"the rows read so far pass their size limit"};
    budget -= size;
    return r;
}

} // namespace

Outcome<std::vector<EntryRecord>> read_rows(Database& db, const std::string& path,
                                            std::uint64_t after_seq, int schema_version) {
    if (schema_version < kOldestReadableSchemaVersion || schema_version > kEntryLogSchemaVersion)
        return in_file(path, "schema version " + std::to_string(schema_version) +
                                 " is not supported");
    const bool v1 = schema_version == 1;
    const std::string type_check = std::string("SELECT seq FROM entries WHERE NOT (") +
                                   kTypeCheckCommon + (v1 ? "" : kTypeCheckV2) + ") LIMIT 1";
    auto types = db.prepare(type_check);
    if (!types) return in_file(path, "not an entry log of a known form: " + types.error().message);
    auto mistyped = types->step();
    if (!mistyped) return in_file(path, mistyped.error().message);
    if (mistyped.value())
        return in_file(path, "row " + std::to_string(types->column_int(0)) +
                                 " has a value of the wrong type");
    auto q = db.prepare(v1 ? kSelectColumnsV1 : kSelectColumnsV2);
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
