#include "fleet_commands.h"

#include "crypto/file_io.h"
#include "fleet/tls/kiosk_csr.h"
#include "kiosk/fleet/fleet_certificate.h"
#include "kiosk/fleet/fleet_setup.h"

#include <ctime>
#include <iostream>

namespace accred {
namespace {

constexpr int kExitOk = 0;
constexpr int kExitRefused = 1;
constexpr int kExitUsage = 2;
constexpr std::size_t kMaxCertificateFile = 64 * 1024;

int usage_error(const std::string& message) {
    std::cerr << "kiosk: " << message << "\n";
    return kExitUsage;
}

} // namespace

Outcome<std::string> kiosk_csr(const KioskState& state, const SigningKey& key) {
    return make_kiosk_csr(key, state.kiosk_id, state.gate_id);
}

Outcome<std::string> write_kiosk_csr(const KioskState& state, const SigningKey& key) {
    auto csr = kiosk_csr(state, key);
    if (!csr) return csr.error();
    const std::string path = state.dir + "/kiosk.csr";
    if (auto s = write_new_file(path, as_bytes(csr.value()), 0644); !s) return s.error();
    return path;
}

int join_fleet(const JoinOptions& o) {
    auto state = load_kiosk(o.state);
    if (!state) return usage_error(state.error().message);
    if (o.leave) {
        if (auto s = remove_fleet_setup(o.state); !s) return usage_error(s.error().message);
        std::cout << "Kiosk " << state->kiosk_id << " left the fleet: it decides offline only\n";
        return kExitOk;
    }
    if (o.desk.empty() || o.cert.empty() || o.ca.empty())
        return usage_error("join needs --desk, --cert and --ca (or --leave)");
    auto url = parse_desk_url(o.desk);
    if (!url) return usage_error("--desk " + o.desk + ": " + url.error().message);
    auto cert = read_small_file(o.cert, kMaxCertificateFile);
    if (!cert) return usage_error(cert.error().message);
    auto ca = read_small_file(o.ca, kMaxCertificateFile);
    if (!ca) return usage_error(ca.error().message);
    // The real clock: the TLS handshake checks the certificates' dates against it too.
    auto identity = check_fleet_certificate(state.value(), cert.value(), ca.value(),
                                            static_cast<std::int64_t>(std::time(nullptr)));
    if (!identity) {
        std::cerr << "kiosk: " << o.cert << " refused: " << identity.error().message << "\n";
        return kExitRefused;
    }
    if (auto s = write_fleet_setup(o.state, {o.desk, ca.value(), cert.value()}); !s)
        return usage_error(s.error().message);
    std::cout << "Kiosk " << state->kiosk_id << " at gate " << state->gate_id
              << " joined the fleet of " << o.desk << "\n"
              << "  certificate serial " << identity->serial_hex << "; kiosk run syncs with the "
              << "desk while it runs\n";
    return kExitOk;
}

Outcome<std::unique_ptr<SyncClient>> fleet_sync_for(const KioskState& state, const SigningKey& key,
                                                    SyncMailbox& mailbox, const KioskClock& clock,
                                                    int interval_ms) {
    auto setup = read_fleet_setup(state.dir);
    if (!setup) return setup.error();
    if (!setup.value()) return std::unique_ptr<SyncClient>{};
    auto url = parse_desk_url((*setup)->desk_url);
    if (!url) return Error{state.dir + "/fleet.json: " + url.error().message};
    SyncClientOptions options;
    options.log_path = state.dir + "/log.db";
    options.kiosk_id = state.kiosk_id;
    options.tls.host = url->first;
    options.tls.port = url->second;
    options.tls.ca_cert_pem = (*setup)->ca_pem;
    options.tls.client_cert_pem = (*setup)->cert_pem;
    options.tls.kiosk_key = &key;
    options.interval = std::chrono::milliseconds(interval_ms);
    return SyncClient::create(options, mailbox, clock);
}

} // namespace accred
