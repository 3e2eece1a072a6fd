// The sync messages between a kiosk and the desk (docs/fleet.md): one POST /v1/sync carries the
// kiosk's new log rows, its latest checkpoint and what it has in force; the reply acknowledges
// rows, hands down a newer revocation update, says whether a newer bundle waits (fetched with
// POST /v1/bundle), and carries the other kiosks' rows that change presence in this kiosk's
// zones. Every message is idempotent: sending the same one twice changes nothing more, so a
// kiosk simply repeats after any cut.
//
// JSON, parsed strictly: known keys only (an unknown key is an error, not ignored), exact types,
// every count and size bounded before anything is allocated. Rows are checked here for shape
// only; the receiver verifies hashes, chain links and field rules (entry_chain.h).
#pragma once

#include "crypto/outcome.h"
#include "entrylog/entry_record.h"

#include <cstddef>
#include <cstdint>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

namespace accred {

inline constexpr int kSyncProtocolVersion = 2; // the "v" of every message
// A kiosk sends at most this many rows at once (then again at once, until it is caught up): a
// busy gate logs a few thousand rows a day, so a day offline is caught up in a few requests.
inline constexpr std::size_t kMaxRowsPerSync = 500;
// The desk hands down at most this many presence rows at once ("more" says there are others).
inline constexpr std::size_t kMaxPresencePerSync = 2000;
// A revocation update handed down inline: a list of thousands of ids is well under this (a
// signed update may be up to bundle_file.h's kMaxRevocationUpdateBytes, but one that large would
// not fit a sync message; the desk never offers one over this size inline).
inline constexpr std::size_t kMaxInlineRevocationBytes = 1u << 20;
// The largest sync message either way: 2,000 rows of at most ~6 KiB of JSON each, with room.
inline constexpr std::size_t kMaxSyncMessageBytes = 16u << 20;

// The endpoints (HTTPS POST, mutual TLS).
inline constexpr const char* kSyncPath = "/v1/sync";     // SyncRequest -> SyncReply
inline constexpr const char* kBundlePath = "/v1/bundle"; // empty -> the newest bundle file

struct SyncRequest {
    std::uint64_t log_seq = 0;            // the kiosk's newest row
    std::vector<EntryRecord> rows;        // consecutive rows from the first not acknowledged
    std::optional<Checkpoint> checkpoint; // the kiosk's newest signed checkpoint
    std::uint64_t bundle_version = 0;     // in force at the kiosk
    std::uint64_t revocations_version = 0;
    std::uint64_t revocations_issued_at = 0; // UTC seconds, when the desk signed that list
    std::uint64_t presence_after = 0;        // the presence cursor from the last reply (0: all)
    std::uint64_t presence_generation = 0;   // the generation that cursor belongs to
    std::int64_t kiosk_time = 0;             // the kiosk's clock (maybe simulated)
    bool simulated_time = false;

    bool operator==(const SyncRequest&) const = default;
};

struct SyncReply {
    std::uint64_t acked_seq = 0;      // the desk holds this kiosk's rows 1..acked_seq
    std::uint64_t bundle_version = 0; // the desk's newest bundle (0: none to offer)
    std::optional<std::vector<std::uint8_t>> revocations; // a newer revocation update, as signed
    std::vector<EntryRecord> presence; // other kiosks' rows (admitted entries, exits), in order
    std::uint64_t presence_cursor = 0; // send as presence_after next time
    // Grows each time the desk withdraws a kiosk. When it differs from the generation the
    // request named, these rows start from the feed's beginning without the withdrawn kiosks'
    // rows, and the kiosk forgets every row it was handed before (it rebuilds presence from its
    // own log, then applies these).
    std::uint64_t presence_generation = 0;
    bool more = false;                 // more presence rows wait: sync again at once
    std::int64_t desk_time = 0;        // the desk's clock, for the kiosk's status line

    bool operator==(const SyncReply&) const = default;
};

std::string sync_request_to_json(const SyncRequest& request);
// Parses a SyncRequest (strict, bounded: at most kMaxRowsPerSync rows, kMaxSyncMessageBytes).
Outcome<SyncRequest> sync_request_from_json(std::string_view body);

std::string sync_reply_to_json(const SyncReply& reply);
// Parses a SyncReply (strict, bounded: at most kMaxPresencePerSync rows).
Outcome<SyncReply> sync_reply_from_json(std::string_view body);

} // namespace accred
