#include "screen_window.h"

#include <SDL2/SDL_image.h>
#include <cstdio>
#include <cstdlib>

namespace accred {

std::optional<WindowRequest> parse_window_size(const std::string& text) {
    WindowRequest r;
    char extra = 0;
    if (std::sscanf(text.c_str(), "%dx%d%c", &r.width, &r.height, &extra) != 2) return std::nullopt;
    if (r.width < 800 || r.height < 480 || r.width > 3840 || r.height > 2160) return std::nullopt;
    return r;
}

Outcome<std::unique_ptr<ScreenWindow>> ScreenWindow::open(const WindowRequest& request) {
    std::unique_ptr<ScreenWindow> w(new ScreenWindow());
    // SDL turns SIGINT and SIGTERM into SDL_QUIT, which the screen's loop ends on cleanly.
    if (SDL_Init(SDL_INIT_VIDEO | SDL_INIT_EVENTS) != 0)
        return Error{"no display for the screen (" + std::string(SDL_GetError()) +
                     "); run with --headless"};
    w->video_ = true;
    // Without a display SDL falls back to drawing into memory: a kiosk would then decide with
    // nobody seeing its verdicts. Only a driver named in $SDL_VIDEODRIVER may be one of those.
    const std::string driver = SDL_GetCurrentVideoDriver() ? SDL_GetCurrentVideoDriver() : "";
    const char* requested = std::getenv("SDL_VIDEODRIVER");
    if ((driver == "offscreen" || driver == "dummy" || driver == "evdev") &&
        !(requested && driver == requested))
        return Error{"no display for the screen (SDL found only its " + driver +
                     " driver); run with --headless"};
    if (TTF_Init() != 0) return Error{"SDL_ttf: " + std::string(TTF_GetError())};
    w->ttf_ = true;
    constexpr int kFormats = IMG_INIT_JPG | IMG_INIT_PNG; // roster photos are JPEG or PNG
    w->img_ = (IMG_Init(kFormats) & kFormats) == kFormats;
    if (!w->img_)
        return Error{"SDL_image cannot read JPEG and PNG: " + std::string(IMG_GetError())};

    Uint32 flags = SDL_WINDOW_RESIZABLE | SDL_WINDOW_ALLOW_HIGHDPI;
    if (request.fullscreen) flags |= SDL_WINDOW_FULLSCREEN_DESKTOP;
    w->window_.reset(SDL_CreateWindow(request.title.c_str(), SDL_WINDOWPOS_CENTERED,
                                      SDL_WINDOWPOS_CENTERED, request.width, request.height,
                                      flags));
    if (!w->window_)
        return Error{"no display for the screen (cannot open the window: " +
                     std::string(SDL_GetError()) + ")"};
    w->renderer_.reset(SDL_CreateRenderer(w->window_.get(), -1,
                                          SDL_RENDERER_ACCELERATED | SDL_RENDERER_PRESENTVSYNC));
    if (!w->renderer_) w->renderer_.reset(SDL_CreateRenderer(w->window_.get(), -1, 0));
    if (!w->renderer_)
        return Error{"no display for the screen (cannot draw in the window: " +
                     std::string(SDL_GetError()) + ")"};
    SDL_RendererInfo info{};
    SDL_GetRendererInfo(w->renderer_.get(), &info);
    w->vsync_ = (info.flags & SDL_RENDERER_PRESENTVSYNC) != 0;
    w->renderer_name_ = info.name ? info.name : "unknown";
    return w;
}

ScreenWindow::~ScreenWindow() {
    renderer_.reset();
    window_.reset();
    if (img_) IMG_Quit();
    if (ttf_) TTF_Quit();
    if (video_) SDL_Quit();
}

void ScreenWindow::to_pixels(int& x, int& y) const {
    int ww = 0, wh = 0, ow = 0, oh = 0;
    SDL_GetWindowSize(window_.get(), &ww, &wh);
    SDL_GetRendererOutputSize(renderer_.get(), &ow, &oh);
    if (ww > 0) x = x * ow / ww;
    if (wh > 0) y = y * oh / wh;
}

} // namespace accred
