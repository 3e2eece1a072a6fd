// Still images (PNG, JPEG) as frames, one frame per image, in the order given.
#pragma once

#include "kiosk/sources/frame_source.h"

#include <atomic>
#include <chrono>
#include <memory>
#include <string>
#include <vector>

namespace accred {

class ImageListSource final : public FrameSource {
  public:
    // Each listed image is its own presentation, so frames are this far apart on the source's
    // clock: further than any sensible debounce, which therefore never merges two list entries.
    static constexpr std::chrono::seconds kFrameSpacing{60};

    // paths are files or directories; a directory contributes its .png, .jpg and .jpeg files
    // (any case) sorted by name, and nothing from its subdirectories. Fails on a missing path
    // or when no image is found at all.
    static Outcome<std::unique_ptr<ImageListSource>> open(const std::vector<std::string>& paths);

    // An image that cannot be loaded is an error for its frame only; the next call moves on.
    Outcome<std::optional<Frame>> next() override;
    std::string describe() const override;
    bool can_continue_after_error() const override { return true; }
    void cancel() override { cancelled_ = true; }

    const std::vector<std::string>& files() const { return files_; }

  private:
    explicit ImageListSource(std::vector<std::string> files) : files_(std::move(files)) {}

    std::vector<std::string> files_;
    std::size_t position_ = 0;
    std::atomic<bool> cancelled_{false};
};

} // namespace accred
