#include "desk_pool.h"

#include <cassert>

namespace accred {

Outcome<std::unique_ptr<DeskPool>> DeskPool::open(const std::string& dir, std::size_t size) {
    assert(size >= 1);
    auto pool = std::make_unique<DeskPool>();
    for (std::size_t i = 0; i < size; ++i) {
        auto desk = Desk::open(dir);
        if (!desk) return desk.error();
        // An operator's action waits its turn behind issuer serve's syncs, a command or a
        // roster's import rather than failing: 30 s, not the 5 s a command waits.
        desk->db().set_busy_timeout(std::chrono::seconds(30));
        pool->free_.push_back(std::make_unique<Desk>(std::move(desk).value()));
    }
    return pool;
}

DeskPool::Lease::~Lease() {
    if (desk_) pool_->give_back(std::move(desk_));
}

DeskPool::Lease DeskPool::take() {
    std::unique_lock lock(mutex_);
    freed_.wait(lock, [this] { return !free_.empty(); });
    auto desk = std::move(free_.back());
    free_.pop_back();
    return Lease(*this, std::move(desk));
}

void DeskPool::give_back(std::unique_ptr<Desk> desk) {
    {
        std::lock_guard lock(mutex_);
        free_.push_back(std::move(desk));
    }
    freed_.notify_one();
}

} // namespace accred
