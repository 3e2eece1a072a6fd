// Internal to fleet/tls: how many connections the desk's server holds, and which to drop when a
// new one comes. Bookkeeping only (ids, no sockets), used from the server's one I/O thread.
#pragma once

#include <cstddef>
#include <cstdint>
#include <map>
#include <set>
#include <string>
#include <unordered_map>
#include <vector>

namespace accred::tls_internal {

struct ConnectionCaps {
    std::size_t max_connections = 8192;     // every connection, authenticated or not
    std::size_t max_unauthenticated = 4096; // accepted, TLS handshake not yet complete
    std::size_t max_per_kiosk = 4;          // authenticated, per kiosk identity
};

// Ids are handed out in accept order, so the smallest id is the oldest connection. An id that
// has been named for eviction is forgotten at once: closing it is the caller's job.
class ConnectionLimits {
  public:
    using Id = std::uint64_t;

    explicit ConnectionLimits(ConnectionCaps caps) : caps_(caps) {}

    struct Admission {
        bool accepted = false;  // false: no room can be made, close the new connection
        std::vector<Id> evict; // close these first (the oldest unauthenticated ones)
    };
    // A connection was just accepted. Room is made by dropping the oldest unauthenticated
    // connections, never an authenticated one: whoever floods the port without a certificate
    // only ever pushes out its own kind, and a kiosk's fresh connection still gets its turn.
    // Refused only when every held connection is authenticated and the global cap is reached.
    Admission accept(Id id);

    // The connection's TLS handshake is complete for kiosk_id. Returns that kiosk's oldest
    // connections beyond max_per_kiosk, to close: a kiosk (or a stolen kiosk key) cannot hold
    // more than its share, and a kiosk back after a network cut is not locked out by its own
    // half-open connections.
    std::vector<Id> authenticated(Id id, const std::string& kiosk_id);

    // The connection is gone. Idempotent; unknown ids are ignored.
    void closed(Id id);

    std::size_t unauthenticated() const { return pending_.size(); }
    std::size_t total() const { return pending_.size() + kiosk_of_.size(); }

  private:
    ConnectionCaps caps_;
    std::set<Id> pending_;                       // unauthenticated, oldest first
    std::unordered_map<Id, std::string> kiosk_of_; // authenticated
    std::map<std::string, std::set<Id>> by_kiosk_;
};

} // namespace accred::tls_internal
