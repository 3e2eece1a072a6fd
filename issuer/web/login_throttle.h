// Slows password guessing at the web desk's login: after kFreeFailures wrong passwords for one
// account name or from one address within kWindowSeconds, each further attempt must wait, the
// wait doubling with each failure up to kMaxLockSeconds. A success clears the account's and the
// address's count. In memory (a restart clears it, as it ends every session). Thread-safe; the
// clock is passed in.
#pragma once

#include <cstdint>
#include <map>
#include <mutex>
#include <string>

namespace accred {

class LoginThrottle {
  public:
    static constexpr int kFreeFailures = 5;
    static constexpr std::int64_t kWindowSeconds = 15 * 60;
    static constexpr std::int64_t kFirstLockSeconds = 30;
    static constexpr std::int64_t kMaxLockSeconds = 15 * 60;

    // Seconds to wait before name may be tried from remote; 0 when it may be tried now.
    [[nodiscard]] std::int64_t wait_seconds(const std::string& name, const std::string& remote,
                                            std::int64_t now);
    void failed(const std::string& name, const std::string& remote, std::int64_t now);
    void succeeded(const std::string& name, const std::string& remote);

  private:
    struct Failures {
        int count = 0;
        std::int64_t first = 0, last = 0;
    };
    std::int64_t wait_for(const Failures& f, std::int64_t now) const;
    void count(std::map<std::string, Failures>& table, const std::string& key, std::int64_t now);
    void forget_old(std::int64_t now);
    std::mutex mutex_;
    std::map<std::string, Failures> by_name_, by_remote_;
};

} // namespace accred
