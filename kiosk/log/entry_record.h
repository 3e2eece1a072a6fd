// One row of a kiosk's entry log: a decision, as it is stored and chained.
#pragma once

#include <array>
#include <cstdint>
#include <optional>
#include <string>

namespace accred {

enum class Direction { entry, exit };

struct EntryRecord {
    std::uint64_t seq = 0;          // 1, 2, 3... per kiosk, assigned by the log
    std::int64_t time = 0;          // UTC seconds of the decision (kiosk clock, maybe simulated)
    bool simulated_time = false;    // the decision was made under --simulate-time
    std::string kiosk_id;           // the kiosk's key fingerprint
    std::string gate;               // gate id from the event definition
    std::string zone;               // the zone the gate leads into (entry) or out of (exit)
    Direction direction = Direction::entry;
    std::string verdict;            // "granted", "denied" or "attention"
    std::string reason;             // reason_name() of the Reason vocabulary
    std::optional<std::string> holder;          // sub, when the credential verified
    std::optional<std::array<std::uint8_t, 8>> cti; // credential id, when it verified
    std::optional<std::uint32_t> issue;
    std::optional<std::string> override_by;     // supervisor id for granted_override
    std::optional<std::string> original_reason; // the denial an override overrode
    std::string credential;         // the scanned text (bounded), so the audit can re-verify it
    // Hash chain: prev_hash is the previous row's hash (32 zero bytes for seq 1); hash is
    // SHA-256 over a canonical encoding of every field above plus prev_hash.
    std::array<std::uint8_t, 32> prev_hash{};
    std::array<std::uint8_t, 32> hash{};

    bool operator==(const EntryRecord&) const = default;
};

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
