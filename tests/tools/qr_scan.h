// Every QR code in a greyscale image, read as a gate reads badges (ZXing, QR only, try harder).
// Header-only and free of project code, for scan_all_qr and the badge tests alike.
#pragma once

#include <ZXing/DecodeHints.h>
#include <ZXing/ImageView.h>
#include <ZXing/ReadBarcode.h>
#include <cstdint>
#include <string>
#include <vector>

namespace accred::test {

// The raw content bytes of each QR code found (an AC1 text is ASCII and must come back exactly,
// so no character-set conversion), in the order ZXing finds them.
inline std::vector<std::string> find_qr_codes(const std::uint8_t* grey, int width, int height) {
    ZXing::DecodeHints hints;
    hints.setFormats(ZXing::BarcodeFormat::QRCode);
    hints.setTryHarder(true);
    hints.setTryRotate(true);
    hints.setMaxNumberOfSymbols(255);
    const ZXing::ImageView view(grey, width, height, ZXing::ImageFormat::Lum);
    std::vector<std::string> texts;
    for (const ZXing::Result& result : ZXing::ReadBarcodes(view, hints))
        if (result.isValid()) texts.emplace_back(result.bytes().begin(), result.bytes().end());
    return texts;
}

} // namespace accred::test
