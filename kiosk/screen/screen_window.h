// The SDL session under the kiosk screen: SDL video, SDL_ttf and SDL_image initialised, the
// window and its renderer; all released in the right order on destruction.
#pragma once

#include "crypto/outcome.h"
#include "kiosk/screen/sdl_handles.h"

#include <memory>
#include <optional>
#include <string>

namespace accred {

struct WindowRequest {
    int width = 1280;
    int height = 720;
    bool fullscreen = false;
    std::string title;
};

// "WIDTHxHEIGHT" from 800x480 (a small panel) to 3840x2160 (4K): the sizes the layout is made
// for. nullopt otherwise.
std::optional<WindowRequest> parse_window_size(const std::string& text);

class ScreenWindow {
  public:
    // Errors meaning there is no usable display start with "no display for the screen".
    static Outcome<std::unique_ptr<ScreenWindow>> open(const WindowRequest& request);
    ~ScreenWindow();
    ScreenWindow(const ScreenWindow&) = delete;
    ScreenWindow& operator=(const ScreenWindow&) = delete;

    SDL_Window* window() const { return window_.get(); }
    SDL_Renderer* renderer() const { return renderer_.get(); }
    bool vsync() const { return vsync_; }
    const std::string& renderer_name() const { return renderer_name_; }
    // Mouse coordinates are in window points; drawing is in output pixels (they differ on
    // high-DPI displays).
    void to_pixels(int& x, int& y) const;

  private:
    ScreenWindow() = default;
    bool video_ = false, ttf_ = false, img_ = false;
    WindowPtr window_;
    RendererPtr renderer_;
    bool vsync_ = false;
    std::string renderer_name_;
};

} // namespace accred
