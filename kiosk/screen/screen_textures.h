// Textures the screen refreshes: the camera picture (grey frames uploaded as YUV with neutral
// chroma, which every SDL renderer takes without conversion) and the holder's photo.
#pragma once

#include "kiosk/screen/sdl_handles.h"
#include "kiosk/sources/frame.h"

#include <cstdint>
#include <memory>
#include <string>
#include <vector>

namespace accred {

class CameraTexture {
  public:
    // Uploads frame unless it is the one already shown. Odd sizes lose their last column/row
    // (YUV 4:2:0 needs even sizes).
    void update(SDL_Renderer* renderer, const Frame& frame);
    SDL_Texture* texture() const { return texture_.get(); }
    int width() const { return width_; }
    int height() const { return height_; }
    // The size of the frames uploaded (before rounding down to even), for mapping QR corners.
    int frame_width() const { return frame_width_; }
    int frame_height() const { return frame_height_; }

  private:
    TexturePtr texture_;
    int width_ = 0, height_ = 0;
    int frame_width_ = 0, frame_height_ = 0;
    std::uint64_t shown_index_ = UINT64_MAX;
    std::vector<std::uint8_t> chroma_; // one plane of 128s, reused for U and V
};

class PhotoTexture {
  public:
    // The texture of this holder's photo, decoding bytes (JPEG or PNG) when the holder changes;
    // null when the bytes do not decode.
    SDL_Texture* get(SDL_Renderer* renderer, const std::string& holder, const std::string& bytes);

  private:
    TexturePtr texture_;
    std::string holder_;
    std::size_t bytes_size_ = 0;
};

} // namespace accred
