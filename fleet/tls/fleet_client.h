// A kiosk's mutual-TLS HTTP client to the desk (wraps cpp-httplib's SSLClient): TLS 1.3 only,
// the fleet CA pinned as the only trust anchor, the kiosk's own key and certificate.
#pragma once

#include "crypto/outcome.h"
#include "crypto/signing_key.h"

#include <memory>
#include <string>
#include <string_view>
#include <utility>

namespace accred {

// "https://host:port" (or "https://host", port 443; "https://[::1]:8443" for IPv6; a trailing
// "/" is allowed) -> {host, port}. Anything else (http://, a path, a user, a bad port) is an Error.
Outcome<std::pair<std::string, int>> parse_desk_url(std::string_view url);

struct FleetClientConfig {
    std::string host; // a DNS name or an IP literal; must be in the desk's certificate (SAN)
    int port = 0;
    std::string ca_cert_pem;     // the fleet CA, pinned: the only trust anchor (never the system's)
    std::string client_cert_pem; // this kiosk's certificate from the desk
    // This kiosk's key. Used only inside create() (converted for OpenSSL, which keeps and wipes
    // its copy with the client); the pointer need not outlive create().
    const SigningKey* kiosk_key = nullptr;
    int connect_timeout_ms = 2000; // TCP connect and the TLS handshake
    int read_timeout_ms = 5000;    // each read and write of the exchange
};

struct FleetReply {
    int status = 0;
    std::string body;
};

class FleetClient {
  public:
    // Checks the configuration: the CA is a CA certificate, the kiosk certificate is for
    // kiosk_key. No connection is made.
    static Outcome<std::unique_ptr<FleetClient>> create(const FleetClientConfig& config);

    // One POST, on a new connection. Any HTTP status is a FleetReply; an Error says what failed:
    // the connection (refused, unreachable, timeout), the desk's certificate (did not verify
    // against the pinned CA, or is for another host name), the desk refusing this kiosk's
    // certificate in the handshake (expired, another CA's, withdrawn kiosk), or no answer in time.
    // Calls on one client are serialised; SIGPIPE is blocked on this thread during the call.
    Outcome<FleetReply> post(const std::string& path, const std::string& body,
                             const std::string& content_type = "application/json");

    ~FleetClient();
    FleetClient(const FleetClient&) = delete;
    FleetClient& operator=(const FleetClient&) = delete;

    struct Impl;

  private:
    explicit FleetClient(std::unique_ptr<Impl> impl);
    std::unique_ptr<Impl> impl_;
};

} // namespace accred
