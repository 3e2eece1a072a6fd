#include "web_jobs.h"

#include "issuer/web/session_store.h"

namespace accred {

std::string WebJobs::start(const std::string& owner,
                           std::function<nlohmann::json(const Progress&, bool& failed)> work) {
    const std::string id = random_token();
    {
        std::lock_guard lock(mutex_);
        jobs_[id].owner = owner;
    }
    std::thread thread([this, id, work = std::move(work)] {
        const Progress progress = [this, &id](std::size_t done, std::size_t total) {
            std::lock_guard lock(mutex_);
            jobs_[id].done = done;
            jobs_[id].total = total;
        };
        bool failed = false;
        nlohmann::json result = work(progress, failed);
        std::lock_guard lock(mutex_);
        jobs_[id].result = std::move(result);
        jobs_[id].failed = failed;
        jobs_[id].finished = true;
    });
    std::lock_guard lock(mutex_);
    threads_.push_back(std::move(thread));
    return id;
}

std::optional<WebJobState> WebJobs::state(const std::string& id) const {
    std::lock_guard lock(mutex_);
    auto it = jobs_.find(id);
    if (it == jobs_.end()) return std::nullopt;
    return it->second;
}

WebJobs::~WebJobs() {
    for (auto& t : threads_)
        if (t.joinable()) t.join();
}

} // namespace accred
