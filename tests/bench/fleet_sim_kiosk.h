// One simulated kiosk for tests/bench/fleet_load: its own key and certificate, a chain of real
// log rows made up rather than decided, and the sync a kiosk does (docs/fleet.md), timed.
#pragma once

#include "crypto/outcome.h"
#include "crypto/public_key.h"
#include "crypto/signing_key.h"
#include "fleet/tls/fleet_client.h"
#include "entrylog/entry_chain.h"
#include "entrylog/entry_record.h"

#include <array>
#include <chrono>
#include <cstdint>
#include <memory>
#include <string>
#include <utility>
#include <vector>

namespace accred::bench {

using Clock = std::chrono::steady_clock;

inline double ms_between(Clock::time_point a, Clock::time_point b) {
    return std::chrono::duration<double, std::milli>(b - a).count();
}

// A badge the simulated kiosks scan: signed by the desk's event key, so that the desk takes their
// rows as fact (it verifies each distinct credential once).
struct LoadBadge {
    std::string holder;
    std::array<std::uint8_t, 8> cti{};
    std::uint32_t issue = 1;
    std::string text;
};

// n badges for holders D1000, D1001... valid around now.
Outcome<std::vector<LoadBadge>> sign_load_badges(const SigningKey& event_key,
                                                 const std::string& event_id, int n,
                                                 std::int64_t now);

struct SimKiosk {
    SigningKey key = SigningKey::generate();
    std::string id = fingerprint(key.public_key());
    std::string gate, zone;
    Direction direction = Direction::entry; // the gate's
    const std::vector<LoadBadge>* badges = nullptr;
    std::size_t offset = 0; // where among badges this kiosk starts
    std::unique_ptr<FleetClient> client;
    std::uint64_t seq = 0;
    Hash32 head{};
    std::uint64_t acked = 0;
    std::uint64_t presence_cursor = 0;
    std::vector<EntryRecord> pending;
    std::vector<Clock::time_point> decided_at; // by seq - 1
    std::vector<double> delays_ms;
    std::uint64_t refused = 0, failures = 0, presence_rows = 0;
    const PublicKey* event_key = nullptr;
    std::uint64_t revocations_version = 0;
    std::vector<std::pair<std::uint64_t, Clock::time_point>> learned; // revocation versions
    std::vector<double> sync_ms;                                      // answered syncs

    // Appends one granted entry (or recorded exit, at an exit gate) of the next badge to the
    // chain (not yet sent), decided at (for the delay to the desk).
    void decide(std::int64_t now, Clock::time_point at = Clock::now());
    // One sync: the rows not yet acknowledged (at most a batch). Returns rows acknowledged.
    std::size_t sync(std::int64_t now);
    // A revocation update handed down: verified and installed, as a kiosk would.
    void learn(const std::vector<std::uint8_t>& update, Clock::time_point at);
};

} // namespace accred::bench
