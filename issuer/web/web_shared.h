// What every request to the web desk shares: the configuration, the event key (unlocked once at
// start, in libsodium's locked memory), the desk.db connections, the sessions, the login
// throttle, and the background jobs (issuing a whole roster). Thread-safe.
#pragma once

#include "crypto/signing_key.h"
#include "issuer/web/desk_pool.h"
#include "issuer/web/login_throttle.h"
#include "issuer/web/search_cache.h"
#include "issuer/web/session_store.h"
#include "issuer/web/web_jobs.h"

#include <cstdint>
#include <functional>
#include <memory>
#include <mutex>
#include <semaphore>
#include <string>

namespace accred {

struct WebDeskConfig {
    std::string desk_dir;
    std::int64_t idle_timeout_seconds = 15 * 60;
    std::int64_t max_session_seconds = 12 * 60 * 60; // one shift, whatever the activity
    bool secure_cookies = true; // false only when serving plain HTTP on the loopback
    std::string printer;        // the CUPS queue badges print to; empty: the browser prints
    std::size_t desk_connections = 8;
    std::function<std::int64_t()> clock;         // the desk's clock (simulated under --now)
    std::function<void(const std::string&)> say; // a line for the desk's console
};

class WebShared {
  public:
    WebShared(WebDeskConfig given_config, SigningKey event_key, std::unique_ptr<DeskPool> desks)
        : config(std::move(given_config)), key(std::move(event_key)), pool(std::move(desks)),
          sessions(config.idle_timeout_seconds, config.max_session_seconds) {}

    const WebDeskConfig config;
    const SigningKey key; // signing only reads it: safe from several threads
    std::unique_ptr<DeskPool> pool;
    SessionStore sessions;
    LoginThrottle throttle;
    WebJobs jobs;
    SearchCache search;
    // Argon2id takes 64 MiB per check: at most this many at once, so that 35 desks logging in
    // together (or a flood of attempts) cannot exhaust memory.
    std::counting_semaphore<4> password_checks{4};
    // Held by every logged-in POST while it runs: this process's writes to desk.db take turns
    // here, first come first served, instead of in SQLite's busy handler, which retries by
    // sleeping and can let a newcomer overtake a writer that has waited for seconds.
    std::mutex writes;
};

} // namespace accred
