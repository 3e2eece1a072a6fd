#include "sync_mailbox.h"

namespace accred {

void SyncMailbox::post(SyncDelivery delivery) {
    if (delivery.empty()) return;
    std::lock_guard lock(mutex_);
    deliveries_.push_back(std::move(delivery));
}

std::vector<SyncDelivery> SyncMailbox::take() {
    std::deque<SyncDelivery> taken;
    {
        std::lock_guard lock(mutex_);
        taken.swap(deliveries_);
    }
    return {std::make_move_iterator(taken.begin()), std::make_move_iterator(taken.end())};
}

std::size_t SyncMailbox::pending() const {
    std::lock_guard lock(mutex_);
    return deliveries_.size();
}

void SyncMailbox::publish(const SyncSnapshot& snapshot) {
    std::lock_guard lock(mutex_);
    snapshot_ = snapshot;
}

std::optional<SyncSnapshot> SyncMailbox::snapshot() const {
    std::lock_guard lock(mutex_);
    return snapshot_;
}

void SyncMailbox::set_link(const DeskLink& link) {
    std::lock_guard lock(mutex_);
    link_ = link;
}

DeskLink SyncMailbox::link() const {
    std::lock_guard lock(mutex_);
    return link_;
}

} // namespace accred
