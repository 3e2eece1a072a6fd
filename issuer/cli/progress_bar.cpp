#include "progress_bar.h"

#include <algorithm>
#include <iostream>
#include <unistd.h>
#include <utility>

namespace accred {

ProgressBar::ProgressBar(std::string label, bool enabled)
    : ProgressBar(std::move(label), enabled, std::cerr, STDERR_FILENO) {}

ProgressBar::ProgressBar(std::string label, bool enabled, std::ostream& out, int fd)
    : label_(std::move(label)), out_(out), enabled_(enabled && ::isatty(fd) == 1) {}

void ProgressBar::update(std::size_t done, std::size_t total) {
    if (!enabled_ || total == 0) return;
    const int percent = static_cast<int>(std::min(done, total) * 100 / total);
    if (percent == last_percent_) return;
    last_percent_ = percent;
    constexpr int kWidth = 30;
    const int filled = percent * kWidth / 100;
    out_ << "\r" << label_ << " [" << std::string(static_cast<std::size_t>(filled), '#')
         << std::string(static_cast<std::size_t>(kWidth - filled), '.') << "] " << done << "/"
         << total << std::flush;
}

void ProgressBar::clear() {
    if (enabled_ && last_percent_ >= 0) out_ << "\r\033[K" << std::flush;
    last_percent_ = -1;
}

void ProgressBar::finish() {
    if (enabled_ && last_percent_ >= 0) out_ << "\n" << std::flush;
    last_percent_ = -1;
}

} // namespace accred
