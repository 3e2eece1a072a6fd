// An 8-bit greyscale image owned in memory, and loading one from a PNG or JPEG file.
#pragma once

#include "crypto/file_io.h"
#include "crypto/outcome.h"

#include <cstdint>
#include <string>
#include <vector>

namespace accred {

struct GreyImage {
    int width = 0;
    int height = 0;
    std::vector<std::uint8_t> pixels; // row-major, width * height bytes, 0 = black
};

// Photos of badges are a few megapixels; a larger image is refused rather than decoded.
inline constexpr int kMaxImageSide = 8192;
inline constexpr std::size_t kMaxImageFileBytes = 64u << 20;

// Loads a PNG or JPEG file (stb_image) as greyscale. Errors name the file and the problem.
Outcome<GreyImage> load_grey_image(const std::string& path);

// Writes a greyscale image as PNG (stb_image_write), refusing to overwrite an existing file
// unless overwrite is replace (then replaced atomically: crypto/file_io.h).
Status save_grey_png(const GreyImage& image, const std::string& path,
                     Overwrite overwrite = Overwrite::refuse);

} // namespace accred
