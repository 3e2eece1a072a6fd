// A desk out of reach: the sync reports offline within its timeouts, with the reason, and the
// engine keeps deciding meanwhile, at its usual pace, whatever the sync thread waits for.
#include "kiosk/app/fleet_intake.h"
#include "kiosk/fleet/fleet_fixture.h"
#include "kiosk/fleet/sync_client.h"

#include <arpa/inet.h>
#include <catch2/catch.hpp>
#include <chrono>
#include <netinet/in.h>
#include <sys/socket.h>
#include <thread>
#include <unistd.h>

using namespace accred;
using namespace accred::test;
using namespace std::chrono_literals;

namespace {

// A TCP socket on 127.0.0.1 at a free port; listening (connections complete in the kernel's
// backlog, and are never answered) or closed again (connections are refused).
class LocalPort {
  public:
    explicit LocalPort(bool listening) {
        fd_ = ::socket(AF_INET, SOCK_STREAM | SOCK_CLOEXEC, 0);
        REQUIRE(fd_ >= 0);
        sockaddr_in addr{};
        addr.sin_family = AF_INET;
        addr.sin_addr.s_addr = htonl(INADDR_LOOPBACK);
        REQUIRE(::bind(fd_, reinterpret_cast<sockaddr*>(&addr), sizeof addr) == 0);
        socklen_t len = sizeof addr;
        REQUIRE(::getsockname(fd_, reinterpret_cast<sockaddr*>(&addr), &len) == 0);
        port_ = ntohs(addr.sin_port);
        if (listening)
            REQUIRE(::listen(fd_, 16) == 0);
        else
            close();
    }
    ~LocalPort() { close(); }
    int port() const { return port_; }

  private:
    void close() {
        if (fd_ >= 0) ::close(fd_);
        fd_ = -1;
    }
    int fd_ = -1;
    int port_ = 0;
};

SyncClientOptions options_for(GateFixture& f, const FleetPki& pki, const SigningKey& key,
                              int port) {
    const KioskState& state = f.kiosk("main_gate").state();
    SyncClientOptions o;
    o.log_path = state.dir + "/log.db";
    o.kiosk_id = state.kiosk_id;
    o.tls.host = "127.0.0.1";
    o.tls.port = port;
    o.tls.ca_cert_pem = pki.ca_pem;
    o.tls.client_cert_pem = pki.cert_pem;
    o.tls.kiosk_key = &key;
    o.interval = 100ms;
    return o;
}

} // namespace

TEST_CASE("A desk that refuses the connection: offline at once, with the reason",
          "[fleet][kiosk]") {
    auto f = make_fleet_fixture();
    GateEngine& engine = f->kiosk("main_gate");
    const FleetPki pki = make_fleet_pki(*f, "main_gate");
    const SigningKey key = kiosk_key(*f, "main_gate");
    const LocalPort closed(false);
    SyncMailbox mailbox;
    FleetIntake intake(mailbox, [](const std::string&) {});
    intake.publish(engine);
    const KioskClock clock;
    auto client = SyncClient::create(options_for(*f, pki, key, closed.port()), mailbox, clock);
    INFO((client ? std::string() : client.error().message));
    REQUIRE(client);

    const auto start = std::chrono::steady_clock::now();
    auto synced = (*client)->sync_once();
    CHECK(std::chrono::steady_clock::now() - start < 2500ms); // the 2 s connect timeout at most
    REQUIRE_FALSE(synced);
    const DeskLink link = mailbox.link();
    CHECK(link.tried);
    CHECK_FALSE(link.last_ok);
    CHECK_FALSE(link.online(std::chrono::steady_clock::now()));
    CHECK(link.offline_since > 0);
    CHECK(link.last_error == synced.error().message);
    CHECK_FALSE(link.last_error.empty());
}

TEST_CASE("A desk that never answers holds the sync thread, never a decision", "[fleet][kiosk]") {
    auto f = make_fleet_fixture();
    GateEngine& engine = f->kiosk("main_gate");
    const FleetPki pki = make_fleet_pki(*f, "main_gate");
    const SigningKey key = kiosk_key(*f, "main_gate");
    const LocalPort silent(true);
    SyncMailbox mailbox;
    std::vector<std::string> said;
    FleetIntake intake(mailbox, [&](const std::string& line) { said.push_back(line); });
    intake.publish(engine);
    const KioskClock clock;
    auto client = SyncClient::create(options_for(*f, pki, key, silent.port()), mailbox, clock);
    REQUIRE(client);
    (*client)->start();

    // The engine thread's loop: drain, decide. The sync thread is stuck in its handshake.
    const auto start = std::chrono::steady_clock::now();
    auto slowest = 0ms;
    int decided = 0;
    while (!mailbox.link().tried && std::chrono::steady_clock::now() - start < 10s) {
        const auto t0 = std::chrono::steady_clock::now();
        (void)intake.drain(engine);
        const Reported r = engine.handle_scan("NOT A BADGE", kDayOne + decided);
        CHECK(r.row); // decided and logged
        ++decided;
        slowest = std::max(slowest, std::chrono::duration_cast<std::chrono::milliseconds>(
                                        std::chrono::steady_clock::now() - t0));
        std::this_thread::sleep_for(20ms);
    }
    const auto waited = std::chrono::steady_clock::now() - start;
    (void)intake.drain(engine);
    const DeskLink link = mailbox.link();
    REQUIRE(link.tried);
    CHECK_FALSE(link.last_ok);
    CHECK(waited >= 1500ms); // the sync really was held by the silent desk...
    CHECK(waited < 8s);      // ...no longer than its timeouts
    CHECK(decided >= 20);    // ...while the engine went on deciding
    CHECK(slowest < 1000ms); // a decision and an fsync, never the 2 s of a handshake
    REQUIRE_FALSE(said.empty());
    CHECK_THAT(said.back(),
               Catch::StartsWith("kiosk: desk offline (") && Catch::EndsWith("); deciding alone"));
    const auto stop_start = std::chrono::steady_clock::now();
    (*client)->stop();
    CHECK(std::chrono::steady_clock::now() - stop_start < 8s);
}
