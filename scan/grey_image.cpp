#include "grey_image.h"

#include "crypto/file_io.h"

#include <stb_image.h>
#include <stb_image_write.h>

namespace accred {

Outcome<GreyImage> load_grey_image(const std::string& path) {
    auto data = read_small_file(path, kMaxImageFileBytes);
    if (!data) return data.error();
    // stb_image also decodes GIF, BMP, TGA, PSD, HDR and PNM: only PNG and JPEG are accepted,
    // by their signature, so the other decoders never see a file handed in.
    if (!data->starts_with("\x89PNG\r\n\x1a\n") && !data->starts_with("\xFF\xD8\xFF"))
        return Error{path + " is not a PNG or JPEG image"};
    const auto* bytes = reinterpret_cast<const stbi_uc*>(data->data());
    const int len = static_cast<int>(data->size());
    int w = 0, h = 0, channels = 0;
    // Check the declared size before decoding, so a tiny file cannot claim a huge bitmap.
    if (stbi_info_from_memory(bytes, len, &w, &h, &channels) == 0)
        return Error{path + " is not a PNG or JPEG image"};
    if (w <= 0 || h <= 0 || w > kMaxImageSide || h > kMaxImageSide)
        return Error{path + ": image too large (" + std::to_string(w) + "x" + std::to_string(h) +
                     ")"};
    stbi_uc* pixels = stbi_load_from_memory(bytes, len, &w, &h, &channels, 1);
    if (pixels == nullptr)
        return Error{path + ": cannot decode image (" + stbi_failure_reason() + ")"};
    GreyImage image;
    image.width = w;
    image.height = h;
    image.pixels.assign(pixels, pixels + static_cast<std::size_t>(w) * static_cast<std::size_t>(h));
    stbi_image_free(pixels);
    return image;
}

Status save_grey_png(const GreyImage& image, const std::string& path, Overwrite overwrite) {
    std::vector<std::uint8_t> png;
    auto append = [](void* context, void* data, int size) {
        auto* out = static_cast<std::vector<std::uint8_t>*>(context);
        const auto* bytes = static_cast<const std::uint8_t*>(data);
        out->insert(out->end(), bytes, bytes + size);
    };
    if (stbi_write_png_to_func(append, &png, image.width, image.height, 1, image.pixels.data(),
                               image.width) == 0)
        return Error{"cannot encode " + path + " as PNG"};
    return write_output_file(path, png, 0644, overwrite);
}

} // namespace accred
