#include "sync_client.h"

#include "fleet/protocol/sync_messages.h"

#include <algorithm>

namespace accred {
namespace {

// At most this much of a desk's error body goes into the status: one line for a person.
constexpr std::size_t kMaxErrorText = 200;

std::string first_line(const std::string& body) {
    std::string line = body.substr(0, std::min(body.find('\n'), kMaxErrorText));
    for (char& c : line)
        if (static_cast<unsigned char>(c) < 0x20) c = ' ';
    return line;
}

} // namespace

Outcome<std::unique_ptr<SyncClient>> SyncClient::create(const SyncClientOptions& options,
                                                        SyncMailbox& mailbox,
                                                        const KioskClock& clock) {
    auto client = FleetClient::create(options.tls);
    if (!client) return client.error();
    return std::unique_ptr<SyncClient>(
        new SyncClient(options, std::move(client).value(), mailbox, clock));
}

SyncClient::SyncClient(const SyncClientOptions& options, std::unique_ptr<FleetClient> client,
                       SyncMailbox& mailbox, const KioskClock& clock)
    : options_(options), client_(std::move(client)), mailbox_(mailbox), clock_(clock),
      started_at_(clock.now()) {
    options_.tls.kiosk_key = nullptr; // used by create() only; never kept
}

SyncClient::~SyncClient() {
    stop();
}

Status SyncClient::fail(const std::string& why) {
    // Offline since the first failure after a success, or since the sync began when the desk
    // has not been reached yet.
    if (link_.last_ok || link_.offline_since == 0)
        link_.offline_since = link_.successes == 0 ? started_at_ : clock_.now();
    link_.tried = true;
    link_.last_ok = false;
    link_.last_error = why;
    mailbox_.set_link(link_);
    return Error{why};
}

std::optional<std::vector<std::uint8_t>> SyncClient::fetch_bundle(std::string& error) {
    auto reply = client_->post(kBundlePath, "", "application/octet-stream");
    if (!reply) {
        error = "fetching the desk's bundle failed: " + reply.error().message;
        return std::nullopt;
    }
    if (reply->status != 200) {
        error = "the desk answered " + std::to_string(reply->status) +
                " for its bundle: " + first_line(reply->body);
        return std::nullopt;
    }
    return std::vector<std::uint8_t>(reply->body.begin(), reply->body.end());
}

Outcome<bool> SyncClient::sync_once() {
    // Nothing thrown here may end the kiosk (on the sync thread, std::terminate would stop its
    // decisions too): a row the JSON writer cannot take, memory running out. The gate decides
    // on; the link says why the desk is not reached.
    try {
        return exchange();
    } catch (const std::exception& e) {
        return fail(std::string("the sync failed: ") + e.what()).error();
    } catch (...) {
        return fail("the sync failed").error();
    }
}

Outcome<bool> SyncClient::exchange() {
    // The engine thread has not taken the last deliveries yet (it is busy or stuck): hold back
    // rather than pile them up. The link's state stays as it was.
    if (mailbox_.pending() >= SyncMailbox::kMaxPending) return false;
    // Nothing waiting for the engine: what the snapshot says in force is after every delivery.
    const bool drained = mailbox_.pending() == 0;
    const auto in_force = mailbox_.snapshot();
    if (!in_force) return false; // the engine has not said what is in force yet
    auto batch = read_batch();
    if (!batch) return batch.error();
    const std::uint64_t log_seq = batch->log_seq;
    const std::uint64_t acked_before = acked_seq_;
    const bool was_known = acked_known_;
    auto reply = send(request_for(std::move(batch).value(), *in_force));
    if (!reply) return reply.error();
    acked_seq_ = reply->acked_seq;
    acked_known_ = true;
    std::string problem;
    mailbox_.post(deliveries(reply.value(), *in_force, drained, problem));
    record_success(log_seq, std::move(problem));
    const bool rows_remain = acked_seq_ < log_seq && (acked_seq_ > acked_before || !was_known);
    return reply->more || rows_remain;
}

Outcome<SyncBatch> SyncClient::read_batch() {
    if (!reader_) {
        auto reader = SyncLogReader::open(options_.log_path, options_.kiosk_id);
        if (!reader) return fail("cannot read the entry log: " + reader.error().message).error();
        reader_ = std::move(reader).value();
    }
    // The first exchange carries no rows: the desk's answer says how far it holds this log, so
    // a restarted kiosk does not resend what the desk already has.
    auto batch = reader_->read(acked_seq_, acked_known_ ? kMaxRowsPerSync : 0);
    if (!batch) {
        reader_.reset(); // opened again next time: the file may have been repaired
        return fail("cannot read the entry log: " + batch.error().message).error();
    }
    return batch;
}

SyncRequest SyncClient::request_for(SyncBatch batch, const SyncSnapshot& in_force) const {
    SyncRequest request;
    request.log_seq = batch.log_seq;
    request.rows = std::move(batch.rows);
    request.checkpoint = batch.checkpoint;
    request.bundle_version = in_force.bundle_version;
    request.revocations_version = in_force.revocations_version;
    request.revocations_issued_at = in_force.revocations_issued_at;
    request.presence_after = presence_cursor_;
    request.presence_generation = presence_generation_.value_or(0);
    request.kiosk_time = clock_.now();
    request.simulated_time = clock_.is_simulated();
    return request;
}

Outcome<SyncReply> SyncClient::send(const SyncRequest& request) {
    auto reply = client_->post(kSyncPath, sync_request_to_json(request));
    if (!reply) return fail(reply.error().message).error();
    if (reply->status != 200)
        return fail("the desk answered " + std::to_string(reply->status) + ": " +
                    first_line(reply->body))
            .error();
    auto parsed = sync_reply_from_json(reply->body);
    if (!parsed) return fail("the desk's reply is malformed: " + parsed.error().message).error();
    return parsed;
}

SyncDelivery SyncClient::deliveries(SyncReply& reply, const SyncSnapshot& in_force, bool drained,
                                    std::string& problem) {
    SyncDelivery delivery;
    // Handed over once; again only if the desk still offers it well after the engine had it in
    // hand (an install that failed on a full or failing disk is retried, a refused one is not
    // fetched every second).
    if (reply.bundle_version > in_force.bundle_version &&
        reply.bundle_version == fetched_bundle_ && drained &&
        ++bundle_offers_since_handed_ >= kBundleRetryAfterSyncs)
        fetched_bundle_ = 0;
    if (reply.bundle_version > in_force.bundle_version && reply.bundle_version != fetched_bundle_) {
        bundle_offers_since_handed_ = 0;
        if (auto bundle = fetch_bundle(problem)) {
            // Verified and written to the store here, off the engine thread: the engine only
            // swaps it in between two frames.
            ByteInput in(*bundle, "the desk's bundle version " +
                                      std::to_string(reply.bundle_version));
            auto staged = stage_update(in_force.basis, in);
            if (staged)
                delivery.bundle = std::move(staged).value();
            else
                delivery.bundle_refusal = staged.error().message;
            delivery.bundle_version = reply.bundle_version;
            fetched_bundle_ = reply.bundle_version;
        }
    }
    // The desk offers its update as long as the kiosk reports an older one; hand the same bytes
    // over once (the engine installs or refuses them, and says so, once), and again if the desk
    // still offers them two syncs after the engine took them: the install failed (a full or
    // failing disk), and a revoked badge must not stay admitted until the desk publishes anew.
    if (reply.revocations && *reply.revocations == handed_revocations_ && drained &&
        ++revocation_offers_since_handed_ >= kRevocationRetryAfterSyncs)
        handed_revocations_.clear();
    if (reply.revocations && *reply.revocations != handed_revocations_) {
        revocation_offers_since_handed_ = 0;
        handed_revocations_ = *reply.revocations;
        delivery.revocations = std::move(reply.revocations);
    }
    for (EntryRecord& row : reply.presence)
        if (row.kiosk_id != options_.kiosk_id) delivery.presence.push_back(std::move(row));
    presence_cursor_ = reply.presence_cursor;
    if (presence_generation_ && reply.presence_generation != *presence_generation_)
        delivery.forget_peer_rows = true; // a kiosk was withdrawn: the feed starts again without it
    presence_generation_ = reply.presence_generation;
    return delivery;
}

void SyncClient::record_success(std::uint64_t log_seq, std::string problem) {
    if (acked_seq_ > log_seq)
        problem = "the desk holds " + std::to_string(acked_seq_) + " rows of this kiosk, its log " +
                  std::to_string(log_seq) + ": was the log replaced?";
    link_.tried = true;
    link_.last_ok = true;
    link_.last_success = std::chrono::steady_clock::now();
    link_.last_success_at = clock_.now();
    link_.offline_since = 0;
    link_.last_error = std::move(problem);
    link_.acked_seq = acked_seq_;
    link_.log_seq = log_seq;
    ++link_.successes;
    mailbox_.set_link(link_);
}

void SyncClient::start() {
    if (thread_.joinable() || stopping_) return;
    thread_ = std::thread([this] { run(); });
}

void SyncClient::stop() {
    {
        std::lock_guard lock(mutex_);
        stopping_ = true;
    }
    wake_.notify_all();
    if (thread_.joinable()) thread_.join();
}

void SyncClient::run() {
    while (!stopping_) {
        auto again = sync_once();
        if (again && again.value()) continue;
        std::unique_lock lock(mutex_);
        wake_.wait_for(lock, options_.interval, [this] { return stopping_.load(); });
    }
}

} // namespace accred
