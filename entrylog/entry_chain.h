// The hash chain of an entry log: the canonical row encoding, its hash, the field rules, and the
// checks the audit runs on rows handed in. docs/entry-log-format.md defines every byte.
#pragma once

#include "entrylog/entry_record.h"

#include <array>
#include <cstddef>
#include <cstdint>
#include <optional>
#include <span>
#include <string>
#include <vector>

namespace accred {

using Hash32 = std::array<std::uint8_t, 32>;

// Field caps. Identifiers come from the event definition, the reason vocabulary or a verified
// credential; 64 bytes is far above any of them. The credential cap is the largest text a QR code
// can hold (version 40, alphanumeric), so any scanned code fits whole: the engine must still cut
// longer input from other sources to this size before logging it.
inline constexpr std::size_t kMaxLogFieldBytes = 64;
inline constexpr std::size_t kMaxLogCredentialBytes = 4296;

// The domain-separated, length-prefixed encoding of every field of row except hash
// (prev_hash included). Two different rows never share an encoding.
std::vector<std::uint8_t> entry_canonical_bytes(const EntryRecord& row);

// SHA-256 of entry_canonical_bytes(row): the value stored in row.hash and linked by the next row.
Hash32 entry_hash(const EntryRecord& row);

// Why row's fields are not acceptable in a log (over-long or invalid UTF-8 text, an empty kiosk
// id, an unknown row format, an admitted flag that contradicts the verdict, repeated other
// reasons), or nullopt when they are. Seq and hashes are not looked at. Verdicts and reasons are
// typed: a name outside the vocabulary is refused where the text is read (entry_store, JSON).
std::optional<std::string> entry_field_problem(const EntryRecord& row);

// True when row's time takes part in the clock rule: made on the real clock (not simulated) and
// not made while the clock was known to be wrong, that is neither a clock_suspect denial nor a
// supervisor's override of one (original_reason "clock_suspect"), nor a decision in which the
// clock rule failed beside a worse one (clock_suspect among the other reasons).
bool entry_counts_for_clock(const EntryRecord& row);

// The first bad row of a log and what is wrong with it, in words for the audit report.
struct ChainProblem {
    std::uint64_t seq = 0;
    std::string what;
};

// Checks rows (in storage order) as one kiosk's complete log: seq runs 1, 2, 3... without a gap,
// each prev_hash is the previous row's hash (32 zero bytes for row 1), each stored hash is the
// recomputed one, fields pass entry_field_problem, all rows carry row 1's kiosk id, and the clock
// rule holds (a row counting for the clock is not earlier than any counting row before it).
// Returns the first problem, or nullopt for a sound chain. Rows after the latest signed checkpoint
// are only as trustworthy as the file: anyone can recompute a chain, so also check checkpoints.
std::optional<ChainProblem> verify_chain(std::span<const EntryRecord> rows);

// Checks that rows (already passed by verify_chain) contain the state checkpoint signed: its
// kiosk, and at its seq a row whose hash is its head. A missing row means the tail was cut or the
// file replaced by an older copy; another hash means rows up to there were rewritten. Does not
// check the signature: call verify_checkpoint_signature and compare the key with the kiosk's
// registered key first. A checkpoint of seq 0 (an empty log) is satisfied by any log of its kiosk.
std::optional<ChainProblem> verify_against_checkpoint(std::span<const EntryRecord> rows,
                                                      const Checkpoint& checkpoint);

} // namespace accred
