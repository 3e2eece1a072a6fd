// The mailbox between the sync thread and the engine thread: deliveries come out in the order
// they went in, across threads; what is in force and the link's state are handed over whole.
#include "kiosk/app/sync_mailbox.h"

#include <catch2/catch.hpp>
#include <thread>

using namespace accred;

namespace {

SyncDelivery numbered(std::uint64_t n) {
    SyncDelivery d;
    EntryRecord row;
    row.seq = n;
    row.kiosk_id = "peer";
    d.presence.push_back(row);
    return d;
}

} // namespace

TEST_CASE("The mailbox hands deliveries over in order, across threads", "[fleet][kiosk]") {
    SyncMailbox mailbox;
    CHECK(mailbox.take().empty());
    constexpr std::uint64_t kCount = 2000;
    std::thread sync([&] {
        for (std::uint64_t n = 1; n <= kCount; ++n)
            mailbox.post(numbered(n));
    });
    std::vector<std::uint64_t> seen;
    while (seen.size() < kCount) {
        for (auto& d : mailbox.take()) {
            REQUIRE(d.presence.size() == 1);
            seen.push_back(d.presence.front().seq);
        }
    }
    sync.join();
    for (std::uint64_t i = 0; i < kCount; ++i)
        REQUIRE(seen[i] == i + 1);
    CHECK(mailbox.pending() == 0);
}

TEST_CASE("The mailbox keeps what is in force and the link's state", "[fleet][kiosk]") {
    SyncMailbox mailbox;
    CHECK_FALSE(mailbox.snapshot()); // the sync waits until the engine said what is in force
    mailbox.publish({7, 9, 1396000000, {}});
    REQUIRE(mailbox.snapshot());
    CHECK(*mailbox.snapshot() == SyncSnapshot{7, 9, 1396000000, {}});

    CHECK_FALSE(mailbox.link().tried);
    DeskLink link;
    link.tried = true;
    link.last_ok = true;
    link.last_success = std::chrono::steady_clock::now();
    link.acked_seq = 41;
    mailbox.set_link(link);
    const auto now = std::chrono::steady_clock::now();
    CHECK(mailbox.link().online(now));
    CHECK(mailbox.link().acked_seq == 41);
    CHECK_FALSE(mailbox.link().online(now + DeskLink::kOnlineWithin));
    link.last_ok = false;
    mailbox.set_link(link);
    CHECK_FALSE(mailbox.link().online(now));
}
