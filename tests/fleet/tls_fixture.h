// A desk with its fleet CA, a running FleetServer on 127.0.0.1 and kiosk clients, on real sockets
// with real certificates: shared by the fleet's TLS tests.
#pragma once

#include "fleet/tls/fleet_ca.h"
#include "fleet/tls/fleet_client.h"
#include "fleet/tls/fleet_server.h"
#include "support/test_support.h"

#include <atomic>
#include <cstdint>
#include <functional>
#include <memory>
#include <mutex>
#include <string>
#include <vector>

namespace accred::test {

inline const std::string kDeskPass = "desk passphrase";

std::int64_t wall_clock();

// A desk workspace with its fleet CA.
struct TlsDesk {
    TempDir dir;
    explicit TlsDesk(std::vector<std::string> names = {"localhost", "127.0.0.1"});
    std::string path() const { return dir.path().string(); }
    std::string ca_pem() const;
    IssuedKioskCert sign(const SigningKey& key, const std::string& gate, std::int64_t now,
                         int days) const;
};

// A running FleetServer on 127.0.0.1 whose POST /echo answers "content-type|body" and counts its
// calls. tune adjusts the configuration (deadlines, limits) before the server is created.
struct RunningServer {
    std::atomic<int> calls{0};
    std::atomic<int> admit_calls{0};
    std::mutex mutex;
    PeerIdentity last_peer;
    std::string withdrawn; // kiosk id admit() refuses
    std::unique_ptr<FleetServer> server;
    int port = 0;

    explicit RunningServer(const TlsDesk& desk, std::size_t max_body = 8 << 20,
                           const std::function<void(FleetServerConfig&)>& tune = {});
    void withdraw(const std::string& kiosk_id);
};

std::unique_ptr<FleetClient> make_client(const std::string& ca_pem, const std::string& cert_pem,
                                         const SigningKey& key, int port,
                                         const std::string& host = "127.0.0.1");

} // namespace accred::test
