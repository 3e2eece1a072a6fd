#include "screenshot_writer.h"

#include <SDL2/SDL_image.h>
#include <cstdio>
#include <iostream>

namespace accred {

ScreenshotWriter::ScreenshotWriter() : thread_([this] { run(); }) {}

ScreenshotWriter::~ScreenshotWriter() {
    {
        std::lock_guard lock(mutex_);
        stopping_ = true;
    }
    changed_.notify_all();
    thread_.join();
}

bool ScreenshotWriter::capture(SDL_Renderer* renderer, const std::string& path) {
    int w = 0, h = 0;
    if (SDL_GetRendererOutputSize(renderer, &w, &h) != 0) return false;
    SurfacePtr shot(SDL_CreateRGBSurfaceWithFormat(0, w, h, 32, SDL_PIXELFORMAT_ARGB8888));
    if (!shot) return false;
    if (SDL_RenderReadPixels(renderer, nullptr, SDL_PIXELFORMAT_ARGB8888, shot->pixels,
                             shot->pitch) != 0)
        return false;
    {
        std::lock_guard lock(mutex_);
        jobs_.push_back({std::move(shot), path});
    }
    changed_.notify_all();
    return true;
}

void ScreenshotWriter::run() {
    std::unique_lock lock(mutex_);
    while (true) {
        changed_.wait(lock, [this] { return stopping_ || !jobs_.empty(); });
        if (jobs_.empty()) return; // stopping, and everything written
        Job job = std::move(jobs_.front());
        jobs_.pop_front();
        lock.unlock();
        // Written under a temporary name and renamed, so a reader never sees half a PNG.
        const std::string partial = job.path + ".part";
        if (IMG_SavePNG(job.pixels.get(), partial.c_str()) != 0 ||
            std::rename(partial.c_str(), job.path.c_str()) != 0)
            std::cerr << "kiosk: could not save " << job.path << ": " << IMG_GetError() << "\n";
        lock.lock();
    }
}

} // namespace accred
