// Encodes the QR codes of a batch of badges on a second thread, ahead of the drawing thread:
// ZXing's encoder (mask selection) is about half the time of printing a badge.
#pragma once

#include "crypto/outcome.h"
#include "issuer/qr_writer.h"

#include <condition_variable>
#include <mutex>
#include <optional>
#include <string>
#include <thread>
#include <vector>

namespace accred {

class QrPipeline {
  public:
    // Starts encoding texts[0..] in order, each at one pixel per module.
    explicit QrPipeline(std::vector<std::string> texts);
    ~QrPipeline(); // stops the worker and waits for it
    QrPipeline(const QrPipeline&) = delete;
    QrPipeline& operator=(const QrPipeline&) = delete;

    // The symbol for texts[i], waiting until the worker has made it.
    const Outcome<QrSymbol>& get(std::size_t i);

  private:
    void run();
    std::vector<std::string> texts_;
    std::vector<std::optional<Outcome<QrSymbol>>> symbols_;
    std::size_t ready_ = 0;
    bool stop_ = false;
    std::mutex mutex_;
    std::condition_variable changed_;
    std::thread worker_;
};

} // namespace accred
