// Saving what the screen shows as PNG without stalling it: the pixels are read on the drawing
// thread (a copy, a few milliseconds), the PNG is compressed and written on a thread of its own
// (tens of milliseconds for 1280x720, more at 4K).
#pragma once

#include "kiosk/screen/sdl_handles.h"

#include <condition_variable>
#include <deque>
#include <mutex>
#include <string>
#include <thread>

namespace accred {

class ScreenshotWriter {
  public:
    ScreenshotWriter();
    // Writes every screenshot still queued, then joins.
    ~ScreenshotWriter();
    ScreenshotWriter(const ScreenshotWriter&) = delete;
    ScreenshotWriter& operator=(const ScreenshotWriter&) = delete;

    // Copies what renderer holds now (call before presenting) and queues it for path. Returns
    // false when the pixels cannot be read; a failed write is reported on stderr.
    bool capture(SDL_Renderer* renderer, const std::string& path);

  private:
    struct Job {
        SurfacePtr pixels;
        std::string path;
    };
    void run();

    std::mutex mutex_;
    std::condition_variable changed_;
    std::deque<Job> jobs_;
    bool stopping_ = false;
    std::thread thread_;
};

} // namespace accred
