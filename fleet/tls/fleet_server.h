// The desk's mutual-TLS HTTP server for the fleet (wraps cpp-httplib's SSLServer): TLS 1.3 only,
// Ed25519 certificates from the fleet CA, every client a kiosk with a certificate from that CA.
#pragma once

#include "crypto/outcome.h"
#include "peer_identity.h"

#include <cstddef>
#include <functional>
#include <memory>
#include <string>

namespace accred {

struct FleetServerConfig {
    std::string desk_dir; // the workspace: its fleet/ca.crt, server.crt, server.key are used
    // Decrypts fleet/server.key. Read only inside FleetServer::create(); the server keeps no copy
    // (the decrypted key lives in OpenSSL's context, which wipes it when the server goes). The
    // string is the caller's: wipe it (sodium_memzero) once create() has returned.
    std::string passphrase_for_server_key;
    // Called during the TLS handshake with the client's identity, after OpenSSL has verified the
    // certificate chain and dates against the fleet CA; false refuses the handshake, so a
    // withdrawn or unknown kiosk gets no HTTP answer at all. Called again before each request's
    // handler (a kiosk withdrawn while connected then gets 403). Runs on the server's threads:
    // must be thread-safe. Empty: every kiosk with a valid certificate is refused.
    std::function<bool(const PeerIdentity&)> admit;
    std::size_t max_body_bytes = 8 << 20; // larger request bodies get 413, unread
    int read_timeout_seconds = 10;        // also the write and handshake timeout
    int threads = 8;
};

struct FleetRequest {
    PeerIdentity peer;
    std::string path;
    std::string body;
    std::string content_type;
};

struct FleetResponse {
    int status = 200;
    std::string body;
    std::string content_type = "application/json";
};

class FleetServer {
  public:
    // Loads the certificates and decrypts the server key; an Error names the file or the
    // passphrase at fault. Serves nothing until start().
    static Outcome<std::unique_ptr<FleetServer>> create(const FleetServerConfig& config);

    // Handlers run on the server's threads, one request each; a handler that throws answers 500.
    // Only POST is served: an unknown path gets 404, another method on a known path 405. May be
    // called before or after start(); a later registration for the same path replaces it.
    void on_post(const std::string& path,
                 std::function<FleetResponse(const FleetRequest&)> handler);

    // Binds host:port (port 0 = any free port) and serves on a background thread. Returns the
    // port bound. An Error if already started or the address cannot be bound.
    Outcome<int> start(const std::string& host, int port);

    // Stops accepting, finishes, joins the thread. Idempotent; the destructor calls it.
    void stop();

    ~FleetServer();
    FleetServer(const FleetServer&) = delete;
    FleetServer& operator=(const FleetServer&) = delete;

    struct Impl;

  private:
    explicit FleetServer(std::unique_ptr<Impl> impl);
    std::unique_ptr<Impl> impl_;
};

} // namespace accred
