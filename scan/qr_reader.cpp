#include "qr_reader.h"

#include "scan/finder_census.h"
#include "scan/grey_image.h"
#include "scan/second_look.h"

#include <ZXing/ReadBarcode.h>
#include <algorithm>
#include <cmath>

namespace accred {
namespace {

std::optional<QrRead> decode(const ZXing::ImageView& image, const ZXing::DecodeHints& hints) {
    const ZXing::Result result = ZXing::ReadBarcode(image, hints);
    if (!result.isValid()) return std::nullopt;
    QrRead read;
    const ZXing::ByteArray& bytes = result.bytes();
    read.bytes.assign(bytes.begin(), bytes.end());
    read.ec_level = result.ecLevel();
    const ZXing::Position& at = result.position();
    read.corners = {QrPoint{at.topLeft().x, at.topLeft().y},
                    QrPoint{at.topRight().x, at.topRight().y},
                    QrPoint{at.bottomRight().x, at.bottomRight().y},
                    QrPoint{at.bottomLeft().x, at.bottomLeft().y}};
    return read;
}

// ZXing 1.4's image pyramid: a picture whose shorter side is at least this is also searched
// downscaled by kDownscaleFactor (its DecodeHints defaults), for codes too large or blurred to be
// read at full size.
constexpr int kDownscaleThreshold = 500;
constexpr int kDownscaleFactor = 3;

// The picture shrunk kDownscaleFactor times, each pixel the mean of a block (as ZXing's pyramid).
GreyImage downscaled(const ZXing::ImageView& image) {
    GreyImage out;
    out.width = image.width() / kDownscaleFactor;
    out.height = image.height() / kDownscaleFactor;
    out.pixels.resize(static_cast<std::size_t>(out.width) * out.height);
    for (int y = 0; y < out.height; ++y)
        for (int x = 0; x < out.width; ++x) {
            int sum = 0;
            for (int dy = 0; dy < kDownscaleFactor; ++dy)
                for (int dx = 0; dx < kDownscaleFactor; ++dx)
                    sum += *image.data(x * kDownscaleFactor + dx, y * kDownscaleFactor + dy);
            out.pixels[static_cast<std::size_t>(y) * out.width + x] =
                static_cast<std::uint8_t>(sum / (kDownscaleFactor * kDownscaleFactor));
        }
    return out;
}

// The full-size picture first, then (if large enough) the downscaled one. ZXing would do both
// itself (tryDownscale), but in 1.4 it searches every layer even after the first found a code,
// so a badge read at full size would pay for the second layer too.
std::optional<QrRead> decode_with_pyramid(const ZXing::ImageView& image,
                                          const ZXing::DecodeHints& hints) {
    if (auto read = decode(image, hints)) return read;
    const bool grey = image.format() == ZXing::ImageFormat::Lum;
    if (!grey || std::min(image.width(), image.height()) < kDownscaleThreshold) return std::nullopt;
    const GreyImage small = downscaled(image);
    auto read = decode(ZXing::ImageView(small.pixels.data(), small.width, small.height,
                                        ZXing::ImageFormat::Lum),
                       hints);
    if (!read) return std::nullopt;
    for (QrPoint& p : read->corners) // back into the frame's coordinates
        p = {p.x * kDownscaleFactor + kDownscaleFactor / 2,
             p.y * kDownscaleFactor + kDownscaleFactor / 2};
    return read;
}

} // namespace

std::optional<QrRead> read_qr(const ZXing::ImageView& image, const QrReadOptions& options) {
    ZXing::DecodeHints hints;
    hints.setFormats(ZXing::BarcodeFormat::QRCode);
    hints.setTryHarder(options.try_harder);
    hints.setTryRotate(options.try_rotate);
    hints.setTryDownscale(false); // done by decode_with_pyramid
    // maxNumberOfSymbols stays at its default: in ZXing 1.4, asking for one symbol takes a slower
    // path (3.1 against 2.3 ms on a 1280x720 frame, same codes read); the first is used anyway.
    // A picture with dozens of finder-pattern look-alikes is bait for ZXing's cubic detector,
    // not a badge: refuse it before it can stall the decoder (finder_census.h).
    const bool grey = image.format() == ZXing::ImageFormat::Lum && image.pixStride() == 1 &&
                      image.rowStride() >= image.width();
    if (grey && options.max_finder_like_patterns > 0 &&
        count_finder_like_patterns(image.data(0, 0), image.width(), image.height(),
                                   image.rowStride()) > options.max_finder_like_patterns)
        return std::nullopt;
    const auto started = std::chrono::steady_clock::now();
    if (auto read = decode_with_pyramid(image, hints)) return read;
    if (std::chrono::steady_clock::now() - started >= options.second_look_budget)
        return std::nullopt;
    if (!options.second_look || image.format() != ZXing::ImageFormat::Lum ||
        image.pixStride() != 1 || image.rowStride() < image.width() || image.width() < 2 ||
        image.height() < 2)
        return std::nullopt;
    const GreyImage turned =
        second_look(image.data(0, 0), image.width(), image.height(), image.rowStride());
    const ZXing::ImageView view(turned.pixels.data(), turned.width, turned.height,
                                ZXing::ImageFormat::Lum);
    auto read = decode_with_pyramid(view, hints);
    if (!read) return std::nullopt;
    read->second_look = true;
    for (QrPoint& p : read->corners) { // back into the frame's coordinates
        double x = 0, y = 0;
        second_look_to_frame(p.x, p.y, image.width(), image.height(), x, y);
        p = {static_cast<int>(std::lround(x)), static_cast<int>(std::lround(y))};
    }
    return read;
}

} // namespace accred
