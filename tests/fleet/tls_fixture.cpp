#include "tls_fixture.h"

#include "crypto/file_io.h"
#include "fleet/tls/kiosk_csr.h"

#include <catch2/catch.hpp>
#include <ctime>

namespace accred::test {

std::int64_t wall_clock() {
    return static_cast<std::int64_t>(std::time(nullptr));
}

TlsDesk::TlsDesk(std::vector<std::string> names) {
    REQUIRE(create_fleet_ca(dir.path().string(), "ev", names, kDeskPass, wall_clock(), 30));
}

std::string TlsDesk::ca_pem() const {
    return read_small_file(fleet_ca_paths(path()).ca_cert, 1 << 16).value();
}

IssuedKioskCert TlsDesk::sign(const SigningKey& key, const std::string& gate, std::int64_t now,
                              int days) const {
    const std::string csr = make_kiosk_csr(key, fingerprint(key.public_key()), gate).value();
    return sign_kiosk_csr(path(), csr, kDeskPass, now, days).value();
}

RunningServer::RunningServer(const TlsDesk& desk, std::size_t max_body,
                             const std::function<void(FleetServerConfig&)>& tune) {
    FleetServerConfig config;
    config.desk_dir = desk.path();
    config.passphrase_for_server_key = kDeskPass;
    config.max_body_bytes = max_body;
    config.read_timeout_seconds = 3;
    config.threads = 2;
    config.admit = [this](const PeerIdentity& peer) {
        ++admit_calls;
        std::lock_guard lock(mutex);
        return peer.kiosk_id != withdrawn;
    };
    if (tune) tune(config);
    auto made = FleetServer::create(config);
    REQUIRE(made);
    server = std::move(*made);
    server->on_post("/echo", [this](const FleetRequest& request) {
        ++calls;
        {
            std::lock_guard lock(mutex);
            last_peer = request.peer;
        }
        return FleetResponse{200, request.content_type + "|" + request.body, "text/plain"};
    });
    auto bound = server->start("127.0.0.1", 0);
    REQUIRE(bound);
    port = *bound;
    REQUIRE(port > 0);
}

void RunningServer::withdraw(const std::string& kiosk_id) {
    std::lock_guard lock(mutex);
    withdrawn = kiosk_id;
}

std::unique_ptr<FleetClient> make_client(const std::string& ca_pem, const std::string& cert_pem,
                                         const SigningKey& key, int port,
                                         const std::string& host) {
    FleetClientConfig config;
    config.host = host;
    config.port = port;
    config.ca_cert_pem = ca_pem;
    config.client_cert_pem = cert_pem;
    config.kiosk_key = &key;
    config.connect_timeout_ms = 2000;
    config.read_timeout_ms = 3000;
    auto made = FleetClient::create(config);
    REQUIRE(made);
    return std::move(*made);
}

} // namespace accred::test
