// Long work started from a page (issuing a whole roster) runs on its own thread; the page polls
// its progress as JSON. A job is seen only by the operator who started it and by nobody after
// the desk restarts. Thread-safe; the jobs' threads are joined when WebJobs goes.
#pragma once

#include <cstdint>
#include <functional>
#include <map>
#include <mutex>
#include <nlohmann/json.hpp>
#include <optional>
#include <string>
#include <thread>
#include <vector>

namespace accred {

struct WebJobState {
    std::string owner; // the operator who started it
    std::size_t done = 0, total = 0;
    bool finished = false;
    bool failed = false;
    nlohmann::json result; // what the page shows at the end (or the error)
};

class WebJobs {
  public:
    using Progress = std::function<void(std::size_t done, std::size_t total)>;
    // Runs work on a new thread; returns the job's id. work returns the result or throws nothing:
    // its Error goes into result.error.
    std::string start(const std::string& owner,
                      std::function<nlohmann::json(const Progress&, bool& failed)> work);
    std::optional<WebJobState> state(const std::string& id) const;
    ~WebJobs();

  private:
    mutable std::mutex mutex_;
    std::map<std::string, WebJobState> jobs_;
    std::vector<std::thread> threads_;
};

} // namespace accred
