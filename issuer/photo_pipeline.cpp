#include "photo_pipeline.h"

#include <algorithm>
#include <exception>

namespace accred {

PhotoPipeline::PhotoPipeline(unsigned threads) {
    if (threads == 0) threads = std::max(1u, std::thread::hardware_concurrency());
    if (threads == 1) return; // take() runs each job
    // A few results ready per worker, so that none waits while the caller writes one.
    window_ = 4 * std::size_t{threads};
    for (unsigned i = 0; i < threads; ++i) workers_.emplace_back([this] { work(); });
}

PhotoPipeline::~PhotoPipeline() {
    {
        std::lock_guard lock(mutex_);
        stopping_ = true;
    }
    queued_.notify_all();
    for (auto& worker : workers_) worker.join();
}

void PhotoPipeline::submit(Job job) {
    ++pending_;
    if (workers_.empty()) {
        slots_.push_back({std::move(job), std::nullopt});
        return;
    }
    {
        std::lock_guard lock(mutex_);
        slots_.push_back({std::move(job), std::nullopt});
    }
    queued_.notify_one();
}

Outcome<std::string> PhotoPipeline::take() {
    --pending_;
    if (workers_.empty()) {
        Job job = std::move(slots_.front().job);
        slots_.pop_front();
        return job();
    }
    std::unique_lock lock(mutex_);
    done_.wait(lock, [this] { return slots_.front().result.has_value(); });
    Outcome<std::string> result = std::move(*slots_.front().result);
    slots_.pop_front();
    --started_;
    return result;
}

void PhotoPipeline::work() {
    std::unique_lock lock(mutex_);
    for (;;) {
        queued_.wait(lock, [this] { return stopping_ || started_ < slots_.size(); });
        if (stopping_) return;
        Slot& slot = slots_[started_++]; // stays put: only taken once it has its result
        Job job = std::move(slot.job);
        lock.unlock();
        std::optional<Outcome<std::string>> result;
        try {
            result.emplace(job());
        } catch (const std::exception& e) { // out of memory, say: that photo's error
            result.emplace(Error{std::string("cannot process the photo: ") + e.what()});
        }
        lock.lock();
        slot.result = std::move(result);
        done_.notify_all();
    }
}

} // namespace accred
