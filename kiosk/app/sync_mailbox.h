// The only place the sync thread and the engine thread meet: deliveries go down (sync -> engine,
// in order), what is in force goes up (engine -> sync), and the link's state is shared for the
// status. Every call takes the mutex briefly and copies; nobody ever waits on the network here.
#pragma once

#include "kiosk/app/desk_link.h"
#include "kiosk/app/sync_delivery.h"
#include "kiosk/app/sync_snapshot.h"

#include <cstddef>
#include <deque>
#include <mutex>
#include <optional>
#include <vector>

namespace accred {

class SyncMailbox {
  public:
    // Deliveries not yet taken, beyond which the sync thread holds back its next sync: the
    // engine thread drains every 100 ms, so this is reached only when it is stuck (a disk
    // failing), and then nothing piles up in memory.
    static constexpr std::size_t kMaxPending = 8;

    // Sync thread: hands a delivery to the engine thread (ignored when empty).
    void post(SyncDelivery delivery);
    // Engine thread: every delivery posted since the last call, oldest first.
    std::vector<SyncDelivery> take();
    // How many deliveries wait (the sync thread holds back at kMaxPending).
    std::size_t pending() const;

    // Engine thread: what is in force now (at start and after each installed update).
    void publish(const SyncSnapshot& snapshot);
    // nullopt until the engine thread first published: the sync thread waits for it.
    std::optional<SyncSnapshot> snapshot() const;

    // Sync thread: the link's state after each attempt.
    void set_link(const DeskLink& link);
    DeskLink link() const;

  private:
    mutable std::mutex mutex_;
    std::deque<SyncDelivery> deliveries_;
    std::optional<SyncSnapshot> snapshot_;
    DeskLink link_;
};

} // namespace accred
