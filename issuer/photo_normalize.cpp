#include "photo_normalize.h"

#include "issuer/jpeg_writer.h"
#include "scan/grey_image.h"

#include <algorithm>
#include <climits>
#include <cmath>
#include <memory>
#include <stb_image.h>
#include <stb_image_resize.h>
#include <string_view>
#include <vector>

namespace accred {
namespace {

struct StbDeleter {
    void operator()(stbi_uc* p) const { stbi_image_free(p); }
};

bool png_or_jpeg(std::string_view bytes) {
    return bytes.starts_with("\x89PNG\r\n\x1a\n") || bytes.starts_with("\xFF\xD8\xFF");
}

} // namespace

Outcome<std::string> normalize_photo(const std::string& file_bytes) {
    if (!png_or_jpeg(file_bytes)) return Error{"not a PNG or JPEG image"};
    if (file_bytes.size() > static_cast<std::size_t>(INT_MAX)) return Error{"image too large"};
    const auto* data = reinterpret_cast<const stbi_uc*>(file_bytes.data());
    const int len = static_cast<int>(file_bytes.size());
    int w = 0, h = 0, channels = 0;
    // The declared size is checked before decoding, so a small file cannot claim a huge bitmap.
    if (stbi_info_from_memory(data, len, &w, &h, &channels) == 0)
        return Error{"not a PNG or JPEG image"};
    if (w <= 0 || h <= 0 || w > kMaxImageSide || h > kMaxImageSide)
        return Error{"image dimensions out of range (" + std::to_string(w) + "x" +
                     std::to_string(h) + ")"};
    std::unique_ptr<stbi_uc, StbDeleter> rgb(stbi_load_from_memory(data, len, &w, &h, &channels, 3));
    if (!rgb) return Error{std::string("cannot decode the image: ") + stbi_failure_reason()};

    const double scale = std::min({1.0, static_cast<double>(kPhotoMaxWidth) / w,
                                   static_cast<double>(kPhotoMaxHeight) / h});
    const int nw = std::max(1, static_cast<int>(std::lround(w * scale)));
    const int nh = std::max(1, static_cast<int>(std::lround(h * scale)));
    std::vector<unsigned char> pixels;
    const unsigned char* source = rgb.get();
    if (nw != w || nh != h) {
        pixels.resize(static_cast<std::size_t>(nw) * static_cast<std::size_t>(nh) * 3);
        if (stbir_resize_uint8_srgb(rgb.get(), w, h, 0, pixels.data(), nw, nh, 0, 3,
                                    STBIR_ALPHA_CHANNEL_NONE, 0) == 0)
            return Error{"cannot scale the image"};
        source = pixels.data();
    }
    // Byte for byte what stbi_write_jpg writes (the photo digests of earlier imports), faster.
    return write_baseline_jpeg(source, nw, nh, kPhotoJpegQuality);
}

} // namespace accred
