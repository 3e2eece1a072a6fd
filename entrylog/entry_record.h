// One row of a kiosk's entry log: a decision, as it is stored and chained. This is the one
// definition of the row; its fields become text only at SQLite (entry_store) and JSON (the
// fleet's sync messages, the kiosk's output), through the names below.
#pragma once

#include "crypto/reason.h"
#include "event/direction.h"

#include <array>
#include <cstdint>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

namespace accred {

// What the screen showed: green, red, or amber for "look, and perhaps call a supervisor".
// Whether the door opened is EntryRecord::admitted, not the colour: an amber verdict may admit
// (soft anti-passback) or not (stale revocation data).
enum class Verdict { granted, denied, attention };

std::string_view verdict_name(Verdict verdict); // "granted", "denied", "attention"
std::optional<Verdict> verdict_from_name(std::string_view name);

// The row encodings (docs/entry-log-format.md). Version 1 rows, written before the admitted flag
// and the other reasons were stored, are read and verified for ever; only version 2 is written.
inline constexpr std::uint8_t kEntryRowV1 = 1;
inline constexpr std::uint8_t kEntryRowV2 = 2;

struct EntryRecord {
    std::uint8_t format = kEntryRowV2; // which canonical encoding the hash covers
    std::uint64_t seq = 0;          // 1, 2, 3... per kiosk, assigned by the log
    std::int64_t time = 0;          // UTC seconds of the decision (kiosk clock, maybe simulated)
    bool simulated_time = false;    // the decision was made under --now
    std::string kiosk_id;           // the kiosk's key fingerprint
    std::string gate;               // gate id from the event definition
    std::string zone;               // the zone the gate leads into (entry) or out of (exit)
    Direction direction = Direction::entry;
    Verdict verdict = Verdict::denied;
    Reason reason = Reason::internal_error;
    // The door opened: an entry admitted (presence counts it) or a way out given. For version 1
    // rows it is inferred (v1_row_admitted); version 2 stores it.
    bool admitted = false;
    std::vector<Reason> other_reasons; // further failing rules, most severe first (v2 only)
    std::optional<std::string> holder;          // sub, when the credential verified
    std::optional<std::array<std::uint8_t, 8>> cti; // credential id, when it verified
    std::optional<std::uint32_t> issue;
    std::optional<std::string> override_by;     // supervisor id for granted_override
    std::optional<Reason> original_reason;      // the denial an override overrode
    std::string credential;         // the scanned text (bounded), so the audit can re-verify it
    // Hash chain: prev_hash is the previous row's hash (32 zero bytes for seq 1); hash is
    // SHA-256 over a canonical encoding of every field above plus prev_hash.
    std::array<std::uint8_t, 32> prev_hash{};
    std::array<std::uint8_t, 32> hash{};

    bool operator==(const EntryRecord&) const = default;
};

// Whether a version 1 row let its holder through, from what it stored: an entry granted, or
// amber with the soft anti-passback or unseen-parent-zone notes (reasons already_inside and
// granted), and an exit that was not denied. Version 1 kiosks also logged amber rows that did
// not open the door (stale_revocations) and counted them as inside: this is the correction.
bool v1_row_admitted(Direction direction, Verdict verdict, Reason reason);

// True for the rows that record a supervisor's action (a rejected PIN, an unlock), not a
// decision on a badge: they have no holder and count neither as granted nor as denied.
bool is_supervisor_action(const EntryRecord& row);

// True for a row decided by manual lookup (its badge would not scan): it carries
// Reason::manual_lookup in other_reasons; an admission's reason is granted_manual, a refusal's its
// real refusal, and override_by names the supervisor whose PIN allowed the lookup, if one did.
bool is_manual_row(const EntryRecord& row);

// True when the row let its holder into its zone: an admitted entry that is not a supervisor's
// action. The one test presence, capacity, escorts, the fleet's feed and the audit use.
bool row_admits(const EntryRecord& row);

// The other reasons as stored in SQLite and hashed: names joined by ',' ("" when none).
std::string reasons_to_text(const std::vector<Reason>& reasons);
// The reverse; nullopt when a name is not in the vocabulary or the text is malformed.
std::optional<std::vector<Reason>> reasons_from_text(std::string_view text);

// A checkpoint the kiosk signs with its own key: "my log had `seq` rows ending in `head`".
struct Checkpoint {
    std::string kiosk_id;
    std::uint64_t seq = 0;
    std::array<std::uint8_t, 32> head{};
    std::int64_t time = 0;
    std::array<std::uint8_t, 32> kiosk_public_key{};
    std::array<std::uint8_t, 64> signature{};

    bool operator==(const Checkpoint&) const = default;
};

} // namespace accred
