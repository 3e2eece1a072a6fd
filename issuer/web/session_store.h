// The web desk's sessions, in memory only: a restart logs everyone out, and nothing a thief of
// the disk could replay is ever written down. Each session is a 256-bit random token (the cookie)
// with its operator, role, CSRF token and language; it ends after idle_timeout without a request,
// after max_age whatever happens, or at logout. Thread-safe. The clock is passed in.
#pragma once

#include "issuer/operator_role.h"

#include <cstdint>
#include <map>
#include <mutex>
#include <optional>
#include <string>

namespace accred {

struct WebSession {
    std::string token; // the cookie's value: 43 characters of base64url
    std::string csrf;  // every form and every script's POST carries it back
    std::string operator_name;
    OperatorRole role = OperatorRole::auditor;
    std::string lang = "en";
    std::int64_t created_at = 0;
    std::int64_t last_seen = 0;
};

enum class SessionLookup { valid, unknown, expired };

class SessionStore {
  public:
    SessionStore(std::int64_t idle_timeout_seconds, std::int64_t max_age_seconds)
        : idle_timeout_(idle_timeout_seconds), max_age_(max_age_seconds) {}

    // A new session for the operator; the caller sets its cookie.
    WebSession open(const std::string& operator_name, OperatorRole role, const std::string& lang,
                    std::int64_t now);
    // The session of token, its last_seen moved to now, when it is still valid; an expired one
    // is removed (and said so once, for the journal).
    std::pair<SessionLookup, std::optional<WebSession>> touch(const std::string& token,
                                                              std::int64_t now);
    void set_lang(const std::string& token, const std::string& lang);
    void close(const std::string& token);
    // Ends every session of an operator (an account disabled or its password changed).
    void close_all_of(const std::string& operator_name);
    std::size_t size() const;

  private:
    mutable std::mutex mutex_;
    std::map<std::string, WebSession> sessions_;
    std::int64_t idle_timeout_;
    std::int64_t max_age_;
};

// 32 random bytes as base64url without padding: a session token or a CSRF token.
std::string random_token();

// Compares two tokens in time that does not depend on where they differ.
[[nodiscard]] bool same_token(const std::string& a, const std::string& b);

} // namespace accred
