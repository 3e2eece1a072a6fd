#include "entry_chain.h"

#include "canonical_bytes.h"
#include "crypto/reason.h"
#include "crypto/sha256.h"
#include "crypto/utf8.h"

#include <algorithm>
#include <string_view>

namespace accred {

namespace {

using namespace canonical;

constexpr std::string_view kEntryDomainV1{"accred entry v1\0", 16};
constexpr std::string_view kEntryDomainV2{"accred entry v2\0", 16};
// More other reasons than there are rules to fail cannot come from a kiosk.
constexpr std::size_t kMaxOtherReasons = 16;

template <typename T, typename Put>
void put_optional(std::vector<std::uint8_t>& out, const std::optional<T>& value, Put put) {
    if (!value) {
        put_u8(out, 0);
        return;
    }
    put_u8(out, 1);
    put(*value);
}

// The log is read by other tools (Python's sqlite3 refuses invalid TEXT), so bad bytes must
// never get in: strict UTF-8 only (crypto/utf8.h).
std::optional<std::string> text_problem(std::string_view name, std::string_view value) {
    if (value.size() > kMaxLogFieldBytes)
        return std::string(name) + " is longer than " + std::to_string(kMaxLogFieldBytes) +
               " bytes";
    if (!is_valid_utf8(value)) return std::string(name) + " is not valid UTF-8";
    return std::nullopt;
}

// The admitted flag and the other reasons must agree with the verdict: a red row never opened
// the door, a green one always did, a supervisor's action admits nobody. A version 1 row stores
// neither, so its flag must be the inferred one and it has no other reasons.
std::optional<std::string> admission_problem(const EntryRecord& row) {
    if (row.format == kEntryRowV1) {
        if (!row.other_reasons.empty()) return "a version 1 row has no other reasons";
        if (row.admitted != v1_row_admitted(row.direction, row.verdict, row.reason))
            return "admitted does not follow from a version 1 row's verdict and reason";
        return std::nullopt;
    }
    if (row.verdict == Verdict::denied && row.admitted) return "a denied row says admitted";
    if (row.verdict == Verdict::granted && !row.admitted) return "a granted row says not admitted";
    if (is_supervisor_action(row) && row.admitted) return "a supervisor action says admitted";
    if (row.other_reasons.size() > kMaxOtherReasons) return "too many other reasons";
    for (std::size_t i = 0; i < row.other_reasons.size(); ++i) {
        const Reason r = row.other_reasons[i];
        if (r == row.reason ||
            std::find(row.other_reasons.begin(), row.other_reasons.begin() + i, r) !=
                row.other_reasons.begin() + i)
            return "other_reasons repeats " + std::string(reason_name(r));
    }
    return std::nullopt;
}

std::string row_name(std::uint64_t seq) {
    return "row " + std::to_string(seq);
}

} // namespace

std::vector<std::uint8_t> entry_canonical_bytes(const EntryRecord& row) {
    // Constructed from the domain rather than inserted into an empty vector: GCC 12 at -O2 warns
    // falsely (stringop-overflow) about the latter.
    const bool v1 = row.format == kEntryRowV1;
    const std::string_view domain = v1 ? kEntryDomainV1 : kEntryDomainV2;
    std::vector<std::uint8_t> out(domain.begin(), domain.end());
    out.reserve(256 + row.credential.size());
    put_u64(out, row.seq);
    put_i64(out, row.time);
    put_u8(out, row.simulated_time ? 1 : 0);
    put_str(out, row.kiosk_id);
    put_str(out, row.gate);
    put_str(out, row.zone);
    put_u8(out, row.direction == Direction::entry ? 0 : 1);
    put_str(out, verdict_name(row.verdict));
    put_str(out, reason_name(row.reason));
    if (!v1) { // version 2: what the door did, and every other failing rule
        put_u8(out, row.admitted ? 1 : 0);
        put_str(out, reasons_to_text(row.other_reasons));
    }
    put_optional(out, row.holder, [&](const std::string& v) { put_str(out, v); });
    put_optional(out, row.cti, [&](const std::array<std::uint8_t, 8>& v) { put_raw(out, v); });
    put_optional(out, row.issue, [&](std::uint32_t v) { put_u32(out, v); });
    put_optional(out, row.override_by, [&](const std::string& v) { put_str(out, v); });
    put_optional(out, row.original_reason, [&](Reason v) { put_str(out, reason_name(v)); });
    put_str(out, row.credential);
    put_raw(out, row.prev_hash);
    return out;
}

Hash32 entry_hash(const EntryRecord& row) {
    const auto bytes = entry_canonical_bytes(row);
    return sha256_of(bytes);
}

std::optional<std::string> entry_field_problem(const EntryRecord& row) {
    if (row.kiosk_id.empty()) return "kiosk_id is empty";
    if (row.format != kEntryRowV1 && row.format != kEntryRowV2)
        return "row format " + std::to_string(row.format) + " is unknown";
    const std::pair<std::string_view, const std::string*> texts[] = {
        {"kiosk_id", &row.kiosk_id}, {"gate", &row.gate}, {"zone", &row.zone}};
    for (const auto& [name, value] : texts)
        if (auto p = text_problem(name, *value)) return p;
    const std::pair<std::string_view, const std::optional<std::string>*> optional_texts[] = {
        {"holder", &row.holder},
        {"override_by", &row.override_by},
    };
    for (const auto& [name, value] : optional_texts)
        if (*value)
            if (auto p = text_problem(name, **value)) return p;
    if (row.credential.size() > kMaxLogCredentialBytes)
        return "credential is longer than " + std::to_string(kMaxLogCredentialBytes) + " bytes";
    return admission_problem(row);
}

bool entry_counts_for_clock(const EntryRecord& row) {
    const auto clock = Reason::clock_suspect;
    return !row.simulated_time && row.reason != clock && row.original_reason != clock &&
           std::find(row.other_reasons.begin(), row.other_reasons.end(), clock) ==
               row.other_reasons.end();
}

std::optional<ChainProblem> verify_chain(std::span<const EntryRecord> rows) {
    Hash32 previous{};
    std::optional<std::int64_t> clock_floor;
    for (std::size_t i = 0; i < rows.size(); ++i) {
        const EntryRecord& row = rows[i];
        const std::uint64_t expected = i + 1;
        if (row.seq > expected)
            return ChainProblem{expected, row_name(expected) + " is missing: the log goes from " +
                                              (i == 0 ? "its start" : row_name(expected - 1)) +
                                              " to " + row_name(row.seq)};
        if (row.seq < expected)
            return ChainProblem{row.seq, row_name(row.seq) +
                                             " appears again or out of order after " +
                                             row_name(expected - 1)};
        if (row.prev_hash != previous)
            return ChainProblem{
                row.seq, i == 0 ? "prev_hash of row 1 is not 32 zero bytes: rows before it were cut"
                                : "prev_hash does not match the hash of " + row_name(row.seq - 1) +
                                      ": that row or this one was altered, or rows were "
                                      "inserted or removed between them"};
        if (entry_hash(row) != row.hash)
            return ChainProblem{row.seq, "the stored hash does not match the row's contents: the "
                                         "row was edited"};
        if (auto p = entry_field_problem(row)) return ChainProblem{row.seq, *p};
        if (row.kiosk_id != rows[0].kiosk_id)
            return ChainProblem{row.seq, "kiosk_id \"" + row.kiosk_id +
                                             "\" differs from row 1's \"" + rows[0].kiosk_id +
                                             "\": rows of another kiosk"};
        if (entry_counts_for_clock(row)) {
            if (clock_floor && row.time < *clock_floor)
                return ChainProblem{row.seq, "time " + std::to_string(row.time) +
                                                 " is earlier than an earlier real-clock row (" +
                                                 std::to_string(*clock_floor) +
                                                 ") and the row is not marked clock_suspect"};
            clock_floor = row.time;
        }
        previous = row.hash;
    }
    return std::nullopt;
}

std::optional<ChainProblem> verify_against_checkpoint(std::span<const EntryRecord> rows,
                                                      const Checkpoint& checkpoint) {
    if (!rows.empty() && rows[0].kiosk_id != checkpoint.kiosk_id)
        return ChainProblem{checkpoint.seq, "the checkpoint is for kiosk \"" + checkpoint.kiosk_id +
                                                "\", the log for \"" + rows[0].kiosk_id + "\""};
    if (checkpoint.seq == 0) return std::nullopt;
    const EntryRecord* at = nullptr;
    for (const EntryRecord& row : rows)
        if (row.seq == checkpoint.seq) at = &row;
    const std::string when = " (checkpoint signed at " + std::to_string(checkpoint.time) + ")";
    if (at == nullptr)
        return ChainProblem{checkpoint.seq,
                            row_name(checkpoint.seq) + " is missing but was signed for" + when +
                                ": the log ends at " +
                                (rows.empty() ? std::string("row 0") : row_name(rows.back().seq)) +
                                ", so its tail was cut or the file replaced by an older copy"};
    if (at->hash != checkpoint.head)
        return ChainProblem{checkpoint.seq, "the hash of " + row_name(checkpoint.seq) +
                                                " differs from the signed head" + when +
                                                ": rows up to it were rewritten or the file "
                                                "replaced"};
    return std::nullopt;
}

} // namespace accred
