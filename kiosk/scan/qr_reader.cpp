#include "qr_reader.h"

#include "kiosk/scan/finder_census.h"
#include "kiosk/scan/second_look.h"

#include <ZXing/ReadBarcode.h>
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

} // namespace

std::optional<QrRead> read_qr(const ZXing::ImageView& image, const QrReadOptions& options) {
    ZXing::DecodeHints hints;
    hints.setFormats(ZXing::BarcodeFormat::QRCode);
    hints.setTryHarder(options.try_harder);
    hints.setTryRotate(options.try_rotate);
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
    if (auto read = decode(image, hints)) return read;
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
    auto read = decode(view, hints);
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
