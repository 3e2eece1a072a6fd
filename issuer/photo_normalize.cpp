#include "photo_normalize.h"

#include "scan/grey_image.h"

#include <algorithm>
#include <climits>
#include <cmath>
#include <cstdlib>
#include <memory>
#include <optional>
#include <stb_image.h>
#include <stb_image_resize.h>
#include <string_view>
#include <turbojpeg.h>
#include <utility>
#include <vector>

// JPEG is decoded and encoded by libjpeg-turbo's TurboJPEG API, PNG decoded by stb_image, and the
// pixels scaled by stb_image_resize. Every TurboJPEG handle and buffer is released on every path
// (the two owners below); nothing here throws except std::bad_alloc, which photo_pipeline.cpp
// turns into that photo's error.
namespace accred {
namespace {

struct TjDestroy {
    void operator()(void* handle) const { tjDestroy(handle); }
};
using TjHandle = std::unique_ptr<void, TjDestroy>;
struct TjFree {
    void operator()(unsigned char* buffer) const { tjFree(buffer); }
};
using TjBuffer = std::unique_ptr<unsigned char, TjFree>;
struct StbFree {
    void operator()(stbi_uc* p) const { stbi_image_free(p); }
};

struct Rgb {
    int width = 0, height = 0;
    std::vector<unsigned char> pixels; // 3 bytes a pixel, rows top to bottom, no padding
    std::pair<int, int> fitted;        // the photo's size, from the image's declared size
};

// TurboJPEG reads these at every compression (TJ_OPTIMIZE, TJ_ARITHMETIC, TJ_RESTART,
// TJ_PROGRESSIVE): set, they would change the stored bytes and make them other than baseline.
const char* encoder_override() {
    for (const char* name : {"TJ_OPTIMIZE", "TJ_ARITHMETIC", "TJ_RESTART", "TJ_PROGRESSIVE"})
        if (const char* value = std::getenv(name); value != nullptr && *value != '\0') return name;
    return nullptr;
}

Error tj_error(void* handle, const std::string& what) {
    return Error{what + ": " + tjGetErrorStr2(handle)};
}

// The declared size, checked before any pixel is allocated.
std::optional<Error> out_of_range(long long w, long long h) {
    if (w > 0 && h > 0 && w <= kMaxImageSide && h <= kMaxImageSide) return std::nullopt;
    return Error{"image dimensions out of range (" + std::to_string(w) + "x" + std::to_string(h) +
                 ")"};
}

// The normalised photo's size: the image scaled down (never up) to fit 360 x 450.
std::pair<int, int> fitted_size(int w, int h) {
    const double scale = std::min({1.0, static_cast<double>(kPhotoMaxWidth) / w,
                                   static_cast<double>(kPhotoMaxHeight) / h});
    return {std::max(1, static_cast<int>(std::lround(w * scale))),
            std::max(1, static_cast<int>(std::lround(h * scale)))};
}

// The smallest of TurboJPEG's DCT scaling factors (1/8 to 1) that decodes a w x h JPEG to at
// least the photo's fitted size: a large camera image is decoded at an eighth or a quarter of
// its size instead of whole, in a fraction of the time and memory.
tjscalingfactor decode_scale(int w, int h) {
    const auto [fw, fh] = fitted_size(w, h);
    tjscalingfactor best{1, 1};
    int count = 0;
    const tjscalingfactor* factors = tjGetScalingFactors(&count);
    for (int i = 0; factors != nullptr && i < count; ++i) {
        const tjscalingfactor f = factors[i];
        if (f.num > f.denom || TJSCALED(w, f) < fw || TJSCALED(h, f) < fh) continue;
        if (f.num * best.denom < best.num * f.denom) best = f;
    }
    return best;
}

// Adobe's CMYK and YCCK JPEGs, as TurboJPEG gives them (inverted CMYK), to RGB as stb_image did.
std::vector<unsigned char> cmyk_to_rgb(const std::vector<unsigned char>& cmyk) {
    std::vector<unsigned char> rgb(cmyk.size() / 4 * 3);
    for (std::size_t i = 0, o = 0; i + 3 < cmyk.size(); i += 4, o += 3)
        for (std::size_t c = 0; c < 3; ++c)
            rgb[o + c] = static_cast<unsigned char>((cmyk[i + c] * cmyk[i + 3] + 127) / 255);
    return rgb;
}

Outcome<Rgb> decode_jpeg(const std::string& bytes) {
    TjHandle tj(tjInitDecompress());
    if (!tj) return tj_error(nullptr, "cannot start the JPEG decoder");
    const auto* data = reinterpret_cast<const unsigned char*>(bytes.data());
    int w = 0, h = 0, subsampling = 0, colorspace = 0;
    // A header cut short reads as a 0 x 0 image: TurboJPEG has the reason (its warning).
    if (tjDecompressHeader3(tj.get(), data, bytes.size(), &w, &h, &subsampling, &colorspace) != 0 ||
        w <= 0 || h <= 0)
        return tj_error(tj.get(), "cannot read the JPEG header");
    if (auto e = out_of_range(w, h)) return *e;
    const bool cmyk = colorspace == TJCS_CMYK || colorspace == TJCS_YCCK;
    const int format = cmyk ? TJPF_CMYK : TJPF_RGB;
    const tjscalingfactor scale = decode_scale(w, h);
    Rgb out{TJSCALED(w, scale), TJSCALED(h, scale), {}, fitted_size(w, h)};
    out.pixels.resize(static_cast<std::size_t>(out.width) * static_cast<std::size_t>(out.height) *
                      static_cast<std::size_t>(tjPixelSize[format]));
    // A warning (a truncated file, corrupt data) refuses the photo instead of decoding it grey in
    // parts; a progressive file of too many scans is refused (TJFLAG_LIMITSCANS).
    if (tjDecompress2(tj.get(), data, bytes.size(), out.pixels.data(), out.width, 0, out.height,
                      format, TJFLAG_ACCURATEDCT | TJFLAG_STOPONWARNING | TJFLAG_LIMITSCANS) != 0)
        return tj_error(tj.get(), "corrupt or truncated JPEG");
    if (cmyk) out.pixels = cmyk_to_rgb(out.pixels);
    return out;
}

// The width and height in a PNG's IHDR chunk, which must come first.
std::optional<std::pair<long long, long long>> png_declared_size(std::string_view bytes) {
    if (bytes.size() < 24 || bytes.substr(12, 4) != "IHDR") return std::nullopt;
    auto be32 = [&](std::size_t at) {
        long long v = 0;
        for (std::size_t i = 0; i < 4; ++i) v = v << 8 | static_cast<unsigned char>(bytes[at + i]);
        return v;
    };
    return std::pair{be32(16), be32(20)};
}

Outcome<Rgb> decode_png(const std::string& bytes) {
    if (bytes.size() > static_cast<std::size_t>(INT_MAX)) return Error{"image too large"};
    const auto declared = png_declared_size(bytes);
    if (!declared) return Error{"cannot read the PNG header: no IHDR chunk first"};
    if (auto e = out_of_range(declared->first, declared->second)) return *e;
    const auto* data = reinterpret_cast<const stbi_uc*>(bytes.data());
    const int len = static_cast<int>(bytes.size());
    int w = 0, h = 0, channels = 0;
    if (stbi_info_from_memory(data, len, &w, &h, &channels) == 0)
        return Error{std::string("cannot read the PNG header: ") + stbi_failure_reason()};
    if (auto e = out_of_range(w, h)) return *e;
    std::unique_ptr<stbi_uc, StbFree> rgb(stbi_load_from_memory(data, len, &w, &h, &channels, 3));
    if (!rgb) return Error{std::string("cannot decode the image: ") + stbi_failure_reason()};
    const std::size_t size = static_cast<std::size_t>(w) * static_cast<std::size_t>(h) * 3;
    return Rgb{w, h, std::vector<unsigned char>(rgb.get(), rgb.get() + size), fitted_size(w, h)};
}

Outcome<Rgb> fit(Rgb image) {
    const auto [w, h] = image.fitted;
    if (image.width == w && image.height == h) return image;
    Rgb out{w, h, std::vector<unsigned char>(static_cast<std::size_t>(w) * h * 3), image.fitted};
    if (stbir_resize_uint8_srgb(image.pixels.data(), image.width, image.height, 0,
                                out.pixels.data(), w, h, 0, 3, STBIR_ALPHA_CHANNEL_NONE, 0) == 0)
        return Error{"cannot scale the image"};
    return out;
}

// Baseline JPEG, 4:2:0, the standard Huffman tables, a JFIF header and nothing else.
Outcome<std::string> encode_jpeg(const Rgb& image) {
    if (const char* name = encoder_override())
        return Error{std::string("the environment variable ") + name +
                     " is set: it changes how libturbojpeg encodes photos; unset it"};
    TjHandle tj(tjInitCompress());
    if (!tj) return tj_error(nullptr, "cannot start the JPEG encoder");
    const unsigned long capacity = tjBufSize(image.width, image.height, TJSAMP_420);
    if (capacity == static_cast<unsigned long>(-1) || capacity > INT_MAX)
        return Error{"image too large to encode"};
    TjBuffer buffer(tjAlloc(static_cast<int>(capacity)));
    if (!buffer) return Error{"out of memory for the photo"};
    unsigned char* out = buffer.get();
    unsigned long size = capacity;
    // TJFLAG_NOREALLOC: TurboJPEG writes into our buffer (tjBufSize is its worst case) and never
    // replaces it, so the one owner frees it.
    if (tjCompress2(tj.get(), image.pixels.data(), image.width, 0, image.height, TJPF_RGB, &out,
                    &size, TJSAMP_420, kPhotoJpegQuality,
                    TJFLAG_NOREALLOC | TJFLAG_ACCURATEDCT) != 0)
        return tj_error(tj.get(), "cannot encode the photo");
    return std::string(reinterpret_cast<const char*>(out), size);
}

} // namespace

Outcome<std::string> normalize_photo(const std::string& file_bytes) {
    const std::string_view bytes = file_bytes;
    const bool png = bytes.starts_with("\x89PNG\r\n\x1a\n");
    if (!png && !bytes.starts_with("\xFF\xD8\xFF")) return Error{"not a PNG or JPEG image"};
    auto decoded = png ? decode_png(file_bytes) : decode_jpeg(file_bytes);
    if (!decoded) return decoded.error();
    // A scaled JPEG decode is at least as large as the fitted size, computed from the declared
    // size, so the photo's dimensions do not depend on how it was decoded.
    auto fitted = fit(std::move(decoded).value());
    if (!fitted) return fitted.error();
    return encode_jpeg(fitted.value());
}

} // namespace accred
