// What AuditStore::append_verified did with rows pushed by a kiosk over the network.
#pragma once

#include "entrylog/entry_chain.h"

#include <cstddef>
#include <cstdint>
#include <optional>

namespace accred {

// A row the kiosk offered where the store already holds a different one (or a first new row that
// does not link to the held head): the kiosk's log was replaced or rewritten.
struct RowFork {
    std::uint64_t seq = 0;
    Hash32 held{};    // the hash the store holds at seq
    Hash32 offered{}; // what the kiosk offered there (its hash, or the new row's prev_hash)
};

struct AppendResult {
    std::size_t added = 0;       // rows new to the store
    std::size_t already = 0;     // rows the store held already, identical
    std::size_t refused = 0;     // of the added rows, those kept only as evidence (distrusted)
    std::uint64_t head = 0;      // the store's head for the kiosk after the call
    Hash32 head_hash{};          // its hash (32 zero bytes when the store holds none)
    bool gap = false;            // the first new row was past head + 1: nothing added
    std::optional<RowFork> fork; // set when a held row differs: nothing added
};

} // namespace accred
