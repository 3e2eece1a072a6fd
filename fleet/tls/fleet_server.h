// The desk's mutual-TLS HTTP server for the fleet (event-driven, on Boost.Asio and Beast): TLS 1.3
// only, Ed25519 certificates from the fleet CA, every client a kiosk with a certificate from that
// CA. Whoever can reach the port without a certificate can hold connections only briefly and
// only by pushing out other such connections, never the kiosks' (docs/fleet.md, "Limits").
#pragma once

#include "crypto/outcome.h"
#include "peer_identity.h"

#include <chrono>
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
    // handler (a kiosk withdrawn while connected then gets 403). Runs on the server's threads
    // (the handshake's on the I/O thread: keep it quick): must be thread-safe. Empty: every
    // kiosk with a valid certificate is refused.
    std::function<bool(const PeerIdentity&)> admit;
    std::size_t max_body_bytes = 8 << 20;   // larger request bodies get 413, unread
    std::size_t max_header_bytes = 8 << 10; // a larger request head gets 431, and the door
    // Deadlines, each for the whole step, however the bytes trickle in (docs/fleet.md, "Limits"):
    // from accept to the end of the TLS handshake; from the handshake to the end of the first
    // request's head; for a kept-alive connection, from an answer to the end of the next head.
    std::chrono::milliseconds handshake_timeout{5000};
    std::chrono::milliseconds header_timeout{5000};
    std::chrono::milliseconds idle_timeout{30000};
    int read_timeout_seconds = 10; // reading a request's body; writing its answer
    // Connections held at once: all of them; those still in their TLS handshake (past this the
    // oldest is dropped for the newcomer); authenticated ones per kiosk (past this its oldest
    // is dropped). Also bounded by the open-file limit, which start() raises to the hard limit.
    std::size_t max_connections = 8192;
    std::size_t max_unauthenticated = 4096;
    std::size_t max_per_kiosk = 4;
    int threads = 8; // run the handlers; all sockets are served by one I/O thread
    // A request that waited this long for a handler thread gets 503 unhandled: below the
    // kiosks' 5 s answer timeout, so that the desk never works for a kiosk that has given up.
    std::chrono::milliseconds queue_timeout{3000};
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

    // Binds host:port (port 0 = any free port) and serves on background threads (one for all
    // sockets, config.threads for the handlers). Raises the process's soft open-file limit to
    // its hard limit. Returns the port bound. An Error if already started or the address cannot
    // be bound.
    Outcome<int> start(const std::string& host, int port);

    // Stops accepting, closes every connection, waits for running handlers, joins the threads.
    // Idempotent; the destructor calls it.
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
