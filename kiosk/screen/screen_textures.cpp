#include "screen_textures.h"

#include <SDL2/SDL_image.h>

namespace accred {

void CameraTexture::update(SDL_Renderer* renderer, const Frame& frame) {
    if (frame.index == shown_index_ && texture_) return;
    const int w = frame.width & ~1, h = frame.height & ~1;
    if (w < 2 || h < 2 || frame.grey.size() < static_cast<std::size_t>(frame.width) * frame.height)
        return;
    if (!texture_ || w != width_ || h != height_) {
        texture_.reset(
            SDL_CreateTexture(renderer, SDL_PIXELFORMAT_IYUV, SDL_TEXTUREACCESS_STREAMING, w, h));
        if (!texture_) return;
        width_ = w;
        height_ = h;
        chroma_.assign(static_cast<std::size_t>(w / 2) * (h / 2), 128);
    }
    frame_width_ = frame.width;
    frame_height_ = frame.height;
    const SDL_Rect all{0, 0, w, h};
    SDL_UpdateYUVTexture(texture_.get(), &all, frame.grey.data(), frame.width, chroma_.data(),
                         w / 2, chroma_.data(), w / 2);
    shown_index_ = frame.index;
}

SDL_Texture* PhotoTexture::get(SDL_Renderer* renderer, const std::string& holder,
                               const std::string& bytes) {
    if (bytes.empty()) return nullptr;
    if (holder == holder_ && bytes.size() == bytes_size_ && texture_) return texture_.get();
    holder_ = holder;
    bytes_size_ = bytes.size();
    texture_.reset();
    SDL_RWops* rw = SDL_RWFromConstMem(bytes.data(), static_cast<int>(bytes.size()));
    if (!rw) return nullptr;
    SurfacePtr surface(IMG_Load_RW(rw, 1)); // 1: frees rw
    if (!surface) return nullptr;
    texture_.reset(SDL_CreateTextureFromSurface(renderer, surface.get()));
    return texture_.get();
}

} // namespace accred
