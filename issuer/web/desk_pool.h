// A few open desk.db connections shared by the web desk's request threads. A SQLite connection
// must not be used by two threads at once, and opening one per request would parse the event
// definition each time; so each request borrows one for its duration. SQLite itself serialises
// the writes of all connections (and of issuer serve beside it) with its busy timeout.
#pragma once

#include "crypto/outcome.h"
#include "issuer/desk.h"

#include <condition_variable>
#include <memory>
#include <mutex>
#include <vector>

namespace accred {

class DeskPool {
  public:
    // Opens size connections to the workspace in dir (size >= 1).
    static Outcome<std::unique_ptr<DeskPool>> open(const std::string& dir, std::size_t size);

    // A borrowed connection, given back when the lease goes.
    class Lease {
      public:
        Lease(DeskPool& pool, std::unique_ptr<Desk> desk) : pool_(&pool), desk_(std::move(desk)) {}
        Lease(Lease&& other) noexcept = default;
        Lease& operator=(Lease&&) = delete;
        ~Lease();
        Desk& operator*() { return *desk_; }
        Desk* operator->() { return desk_.get(); }

      private:
        DeskPool* pool_;
        std::unique_ptr<Desk> desk_;
    };

    // Waits for a free connection.
    Lease take();

  private:
    void give_back(std::unique_ptr<Desk> desk);
    std::mutex mutex_;
    std::condition_variable freed_;
    std::vector<std::unique_ptr<Desk>> free_;
};

} // namespace accred
