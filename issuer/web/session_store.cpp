#include "session_store.h"

#include <sodium.h>

namespace accred {

std::string random_token() {
    unsigned char bytes[32];
    randombytes_buf(bytes, sizeof bytes);
    char text[sodium_base64_ENCODED_LEN(sizeof bytes, sodium_base64_VARIANT_URLSAFE_NO_PADDING)];
    sodium_bin2base64(text, sizeof text, bytes, sizeof bytes,
                      sodium_base64_VARIANT_URLSAFE_NO_PADDING);
    return text;
}

bool same_token(const std::string& a, const std::string& b) {
    return a.size() == b.size() && !a.empty() && sodium_memcmp(a.data(), b.data(), a.size()) == 0;
}

WebSession SessionStore::open(const std::string& operator_name, OperatorRole role,
                              const std::string& lang, std::int64_t now) {
    WebSession s;
    s.token = random_token();
    s.csrf = random_token();
    s.operator_name = operator_name;
    s.role = role;
    s.lang = lang;
    s.created_at = now;
    s.last_seen = now;
    std::lock_guard lock(mutex_);
    sessions_[s.token] = s;
    return s;
}

std::pair<SessionLookup, std::optional<WebSession>> SessionStore::touch(const std::string& token,
                                                                        std::int64_t now) {
    std::lock_guard lock(mutex_);
    // A map lookup by an attacker-chosen key leaks, at most, timing about a random 256-bit value.
    auto it = sessions_.find(token);
    if (it == sessions_.end()) return {SessionLookup::unknown, std::nullopt};
    WebSession& s = it->second;
    if (now - s.last_seen > idle_timeout_ || now - s.created_at > max_age_ || now < s.created_at) {
        WebSession ended = s;
        sessions_.erase(it);
        return {SessionLookup::expired, ended};
    }
    s.last_seen = now;
    return {SessionLookup::valid, s};
}

void SessionStore::set_lang(const std::string& token, const std::string& lang) {
    std::lock_guard lock(mutex_);
    if (auto it = sessions_.find(token); it != sessions_.end()) it->second.lang = lang;
}

void SessionStore::close(const std::string& token) {
    std::lock_guard lock(mutex_);
    sessions_.erase(token);
}

void SessionStore::close_all_of(const std::string& operator_name) {
    std::lock_guard lock(mutex_);
    std::erase_if(sessions_,
                  [&](const auto& kv) { return kv.second.operator_name == operator_name; });
}

std::size_t SessionStore::size() const {
    std::lock_guard lock(mutex_);
    return sessions_.size();
}

} // namespace accred
