// The kiosk's sync with the desk (docs/fleet.md), on its own thread: every interval one POST
// /v1/sync carries the log rows the desk lacks, the newest checkpoint and what is in force; the
// reply's updates, newer bundle and peers' presence rows go to the engine thread through the
// mailbox. Short timeouts, and nothing ever waits for it: a desk out of reach only changes the
// link's state (the status line).
#pragma once

#include "crypto/outcome.h"
#include "fleet/tls/fleet_client.h"
#include "kiosk/app/kiosk_clock.h"
#include "kiosk/fleet/sync_log_reader.h"
#include "kiosk/app/sync_mailbox.h"

#include <atomic>
#include <chrono>
#include <condition_variable>
#include <cstdint>
#include <memory>
#include <mutex>
#include <optional>
#include <string>
#include <thread>
#include <vector>

namespace accred {

struct SyncRequest;
struct SyncReply;

struct SyncClientOptions {
    std::string log_path; // DIR/log.db, opened (created) by the engine first
    std::string kiosk_id;
    FleetClientConfig tls; // the desk's address, the pinned CA, this kiosk's certificate and key
    std::chrono::milliseconds interval{1000};
};

class SyncClient {
  public:
    // Makes the TLS client at once (so the kiosk key need not outlive this call); a bad
    // certificate or CA is an Error here, before any thread starts. mailbox and clock must
    // outlive the client.
    static Outcome<std::unique_ptr<SyncClient>>
    create(const SyncClientOptions& options, SyncMailbox& mailbox, const KioskClock& clock);
    ~SyncClient();
    SyncClient(const SyncClient&) = delete;
    SyncClient& operator=(const SyncClient&) = delete;

    // One exchange: reads the batch, POSTs it, and posts the reply's deliveries (fetching a newer
    // bundle first). Returns true when another should follow at once (the desk has more, or rows
    // remain beyond the batch and the desk took some). An Error (desk out of reach, refused,
    // malformed reply, log unreadable) is also recorded in the mailbox's link. Not thread-safe:
    // one caller (the thread, or a test before start()).
    Outcome<bool> sync_once();

    // Runs sync_once every interval on a thread of its own, until stop().
    void start();
    // Stops the thread, waiting for an exchange in flight (bounded by the TLS timeouts).
    // Idempotent.
    void stop();

  private:
    SyncClient(const SyncClientOptions& options, std::unique_ptr<FleetClient> client,
               SyncMailbox& mailbox, const KioskClock& clock);
    Status fail(const std::string& why);
    Outcome<bool> exchange(); // sync_once's work, which may throw
    // The exchange's phases. Each failure is recorded in the link (fail) before it is returned.
    Outcome<SyncBatch> read_batch();
    SyncRequest request_for(SyncBatch batch, const SyncSnapshot& in_force) const;
    Outcome<SyncReply> send(const SyncRequest& request);
    // What the reply hands the engine: a newer bundle (fetched here), a revocation update, other
    // kiosks' rows. problem: set when a bundle could not be fetched.
    SyncDelivery deliveries(SyncReply& reply, const SyncSnapshot& in_force, bool drained,
                            std::string& problem);
    void record_success(std::uint64_t log_seq, std::string problem);
    std::optional<std::vector<std::uint8_t>> fetch_bundle(std::string& error);
    void run();

    SyncClientOptions options_;
    std::unique_ptr<FleetClient> client_;
    SyncMailbox& mailbox_;
    const KioskClock& clock_;
    std::optional<SyncLogReader> reader_;

    // Sync state (one caller at a time).
    bool acked_known_ = false;          // false until the desk first said how far it holds the log
    std::uint64_t acked_seq_ = 0;       // the desk holds rows 1..acked_seq_
    std::uint64_t presence_cursor_ = 0; // 0 at each start: the kiosk re-learns who is inside
    // The desk's presence generation as of the rows handed over; unknown until the first reply
    // (the engine then holds no other kiosk's row, so there is nothing to forget).
    std::optional<std::uint64_t> presence_generation_;
    // Syncs after which an update handed over but still offered (so not installed) is handed
    // over again: two for a revocation update (a second or two), thirty for a bundle (megabytes).
    static constexpr int kRevocationRetryAfterSyncs = 2;
    static constexpr int kBundleRetryAfterSyncs = 30;
    std::uint64_t fetched_bundle_ = 0;             // the bundle version last handed over
    std::vector<std::uint8_t> handed_revocations_; // the update last handed over
    int bundle_offers_since_handed_ = 0;
    int revocation_offers_since_handed_ = 0;
    DeskLink link_;
    std::int64_t started_at_ = 0;

    std::mutex mutex_;
    std::condition_variable wake_;
    std::atomic<bool> stopping_{false};
    std::thread thread_;
};

} // namespace accred
