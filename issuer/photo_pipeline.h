// Roster photos read and normalised on worker threads while the roster is read, handed back in
// the order they were asked for (issue 18: at 100,000 people the photos are most of the work).
#pragma once

#include "crypto/outcome.h"

#include <condition_variable>
#include <cstddef>
#include <deque>
#include <functional>
#include <mutex>
#include <optional>
#include <string>
#include <thread>
#include <vector>

namespace accred {

class PhotoPipeline {
  public:
    // A job: its result (a normalised photo) or why there is none.
    using Job = std::function<Outcome<std::string>()>;

    // threads: how many workers; 0 for one per processor; 1 runs each job inside take(), on the
    // caller's thread.
    explicit PhotoPipeline(unsigned threads);
    ~PhotoPipeline(); // jobs not yet started are dropped; running ones are waited for
    PhotoPipeline(const PhotoPipeline&) = delete;
    PhotoPipeline& operator=(const PhotoPipeline&) = delete;

    // Queues a job. The caller bounds how many wait (see pending()): each holds its result until
    // taken.
    void submit(Job job);
    // The oldest job's result, waiting for it if need be. Only when pending() > 0.
    Outcome<std::string> take();
    std::size_t pending() const { return pending_; }
    // How many jobs may usefully wait: enough to keep every worker busy.
    std::size_t window() const { return window_; }

  private:
    struct Slot {
        Job job;
        std::optional<Outcome<std::string>> result;
    };
    void work();

    std::mutex mutex_;
    std::condition_variable queued_; // a job was queued, or stopping_
    std::condition_variable done_;   // a job finished
    std::deque<Slot> slots_;         // oldest first; references stay valid while it grows
    std::size_t started_ = 0;        // slots_[0, started_) are taken by workers or done
    std::size_t pending_ = 0;
    std::size_t window_ = 1;
    bool stopping_ = false;
    std::vector<std::thread> workers_;
};

} // namespace accred
