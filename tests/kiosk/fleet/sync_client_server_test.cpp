// The sync client against a minimal real desk (FleetServer, mutual TLS) that serves canned
// replies: the first exchange asks how far the desk holds the log, the next carries the rows;
// the reply's revocation update, newer bundle and peer's presence row come through the mailbox
// to the engine, which then refuses the revoked badge and the peer's admitted one; the running
// thread keeps the desk caught up as the engine decides.
#include "fleet/protocol/sync_messages.h"
#include "fleet/tls/fleet_server.h"
#include "kiosk/app/fleet_intake.h"
#include "kiosk/fleet/fleet_fixture.h"
#include "kiosk/fleet/sync_client.h"

#include <catch2/catch.hpp>
#include <chrono>
#include <mutex>
#include <thread>

using namespace accred;
using namespace accred::test;
using namespace std::chrono_literals;

namespace {

// A desk that holds whatever rows it is sent, offers one update, one bundle and one peer row.
struct CannedDesk {
    std::mutex mutex;
    std::vector<SyncRequest> requests;
    std::vector<std::string> senders;
    std::uint64_t held = 0;
    std::vector<std::uint8_t> revocations;
    std::vector<std::uint8_t> bundle;
    std::uint64_t bundle_version = 0;
    EntryRecord peer_row;
    int bundle_fetches = 0;

    FleetResponse sync(const FleetRequest& r) {
        auto request = sync_request_from_json(r.body);
        if (!request) return {400, request.error().message, "text/plain"};
        std::lock_guard lock(mutex);
        if (!request->rows.empty() && request->rows.front().seq == held + 1)
            held = request->rows.back().seq;
        SyncReply reply;
        reply.acked_seq = held;
        reply.bundle_version = bundle_version;
        if (request->revocations_version < 2) reply.revocations = revocations;
        if (request->presence_after == 0) reply.presence = {peer_row};
        reply.presence_cursor = 1;
        reply.desk_time = 1396252800;
        requests.push_back(std::move(request).value());
        senders.push_back(r.peer.kiosk_id);
        return {200, sync_reply_to_json(reply), "application/json"};
    }
    FleetResponse serve_bundle() {
        std::lock_guard lock(mutex);
        ++bundle_fetches;
        return {200, std::string(bundle.begin(), bundle.end()), "application/octet-stream"};
    }
};

} // namespace

TEST_CASE("Syncing with a desk: rows up, the update, the bundle and a peer's presence down",
          "[fleet][kiosk]") {
    auto f = make_fleet_fixture();
    GateEngine& side = f->kiosk("side_gate");
    const Reported at_main =
        f->kiosk("main_gate")
            .handle_scan(GateFixture::through_camera(f->credential("D002")), kDayOne);
    REQUIRE(at_main.row);
    for (int i = 0; i < 3; ++i)
        (void)side.handle_scan("NOT A BADGE", kDayOne + 1 + i);
    REQUIRE(side.log().head_seq() == 3);

    CannedDesk desk;
    desk.revocations = revocation_update(*f, 2, {"D003"});
    desk.bundle = bundle_version(*f, 4);
    desk.bundle_version = 4;
    desk.peer_row = *at_main.row;
    const FleetPki pki = make_fleet_pki(*f, "side_gate");
    FleetServerConfig config;
    config.desk_dir = pki.desk_dir;
    config.passphrase_for_server_key = pki.passphrase;
    config.admit = [](const PeerIdentity&) { return true; };
    auto server = FleetServer::create(config);
    INFO((server ? std::string() : server.error().message));
    REQUIRE(server);
    (*server)->on_post(kSyncPath, [&](const FleetRequest& r) { return desk.sync(r); });
    (*server)->on_post(kBundlePath, [&](const FleetRequest&) { return desk.serve_bundle(); });
    auto port = (*server)->start("127.0.0.1", 0);
    REQUIRE(port);

    const SigningKey key = kiosk_key(*f, "side_gate");
    SyncClientOptions o;
    o.log_path = side.state().dir + "/log.db";
    o.kiosk_id = side.state().kiosk_id;
    o.tls = {"127.0.0.1", port.value(), pki.ca_pem, pki.cert_pem, &key, 2000, 5000};
    o.interval = 100ms;
    SyncMailbox mailbox;
    std::vector<std::string> said;
    FleetIntake intake(mailbox, [&](const std::string& line) { said.push_back(line); });
    intake.publish(side);
    const KioskClock clock;
    auto client = SyncClient::create(o, mailbox, clock);
    INFO((client ? std::string() : client.error().message));
    REQUIRE(client);

    // First: no rows, only the question how far the desk holds the log; rows remain, so again.
    auto first = (*client)->sync_once();
    INFO((first ? std::string() : first.error().message));
    REQUIRE(first);
    CHECK(first.value());
    auto second = (*client)->sync_once();
    REQUIRE(second);
    CHECK_FALSE(second.value()); // caught up
    {
        std::lock_guard lock(desk.mutex);
        REQUIRE(desk.requests.size() == 2);
        CHECK(desk.requests[0].rows.empty());
        CHECK(desk.requests[0].presence_after == 0);
        CHECK(desk.requests[0].bundle_version == 1);
        CHECK(desk.requests[0].log_seq == 3);
        REQUIRE(desk.requests[1].rows.size() == 3);
        CHECK(desk.requests[1].rows.front().seq == 1);
        CHECK(desk.requests[1].presence_after == 1);
        CHECK(desk.senders[0] == side.state().kiosk_id);
        CHECK(desk.bundle_fetches == 1); // fetched once, not again while it waits in the mailbox
    }
    const DeskLink link = mailbox.link();
    CHECK(link.online(std::chrono::steady_clock::now()));
    CHECK(link.acked_seq == 3);
    CHECK(link.last_error.empty());
    CHECK(mailbox.pending() == 1); // the update and the bundle are handed over once

    // The engine thread applies it all between decisions.
    CHECK(intake.drain(side));
    CHECK(side.state().bundle.version == 4);
    CHECK(side.state().revocations.version == 2);
    CHECK(side.handle_scan(GateFixture::through_camera(f->credential("D002")), kDayOne + 60)
              .decision.reason == Reason::already_inside);
    CHECK(side.handle_scan(GateFixture::through_camera(f->credential("D003")), kDayOne + 70)
              .decision.reason == Reason::revoked);
    REQUIRE(said.size() >= 3);
    CHECK(said[0] == "kiosk: desk online; it holds this kiosk's rows up to 3 of 3");

    // Running on its own thread, it keeps the desk caught up with the new rows.
    (*client)->start();
    const std::uint64_t head = side.log().head_seq();
    const auto deadline = std::chrono::steady_clock::now() + 10s;
    while (mailbox.link().acked_seq < head && std::chrono::steady_clock::now() < deadline)
        std::this_thread::sleep_for(20ms);
    (*client)->stop();
    CHECK(mailbox.link().acked_seq == head);
    (*server)->stop();
}
