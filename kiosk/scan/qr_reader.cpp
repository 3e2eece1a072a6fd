#include "qr_reader.h"

#include <ZXing/ReadBarcode.h>
#include <cmath>

namespace accred {

std::optional<QrRead> read_qr(const ZXing::ImageView& image, const QrReadOptions& options) {
    ZXing::DecodeHints hints;
    hints.setFormats(ZXing::BarcodeFormat::QRCode);
    hints.setTryHarder(options.try_harder);
    hints.setTryRotate(options.try_rotate);
    hints.setMaxNumberOfSymbols(1);
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

} // namespace accred
