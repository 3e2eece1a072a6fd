#include "qr_pipeline.h"

namespace accred {

QrPipeline::QrPipeline(std::vector<std::string> texts)
    : texts_(std::move(texts)), symbols_(texts_.size()), worker_([this] { run(); }) {}

QrPipeline::~QrPipeline() {
    {
        std::lock_guard lock(mutex_);
        stop_ = true;
    }
    changed_.notify_all();
    worker_.join();
}

void QrPipeline::run() {
    for (std::size_t i = 0; i < texts_.size(); ++i) {
        Outcome<QrSymbol> symbol = render_qr(texts_[i], 1);
        std::lock_guard lock(mutex_);
        if (stop_) return;
        symbols_[i].emplace(std::move(symbol));
        ready_ = i + 1;
        changed_.notify_all();
    }
}

const Outcome<QrSymbol>& QrPipeline::get(std::size_t i) {
    std::unique_lock lock(mutex_);
    changed_.wait(lock, [&] { return ready_ > i; });
    // symbols_[i] is written once, before ready_ passes i, and never again: safe to read unlocked.
    return *symbols_[i];
}

} // namespace accred
