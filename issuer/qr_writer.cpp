#include "qr_writer.h"

#include <ZXing/BitMatrix.h>
#include <ZXing/MultiFormatWriter.h>

namespace accred {
namespace {

// ZXing's writer takes ECC as 0-8 and maps it to QR levels by (level - 1) / 2: 5 and 6 are Q.
constexpr int kZxingEccQ = 6;
// ISO/IEC 18004 asks for a quiet zone of 4 modules around the symbol.
constexpr int kQuietZoneModules = 4;

} // namespace

Outcome<QrSymbol> render_qr(const std::string& text, int module_pixels) {
    if (module_pixels < 1 || module_pixels > 64) return Error{"module size must be 1-64 pixels"};
    ZXing::BitMatrix matrix;
    try {
        ZXing::MultiFormatWriter writer(ZXing::BarcodeFormat::QRCode);
        writer.setEccLevel(kZxingEccQ).setMargin(0);
        // width/height 0: one pixel per module; we scale ourselves for exact, sharp modules.
        matrix = writer.encode(text, 0, 0);
    } catch (const std::exception& e) {
        return Error{std::string("cannot encode the QR code: ") + e.what()};
    }
    QrSymbol symbol;
    symbol.modules = matrix.width();
    symbol.version = (symbol.modules - 17) / 4;
    const int side = (symbol.modules + 2 * kQuietZoneModules) * module_pixels;
    symbol.image.width = side;
    symbol.image.height = side;
    symbol.image.pixels.assign(static_cast<std::size_t>(side) * side, 255);
    for (int y = 0; y < symbol.modules; ++y)
        for (int x = 0; x < symbol.modules; ++x) {
            if (!matrix.get(x, y)) continue;
            const int px = (x + kQuietZoneModules) * module_pixels;
            const int py = (y + kQuietZoneModules) * module_pixels;
            for (int dy = 0; dy < module_pixels; ++dy)
                for (int dx = 0; dx < module_pixels; ++dx)
                    symbol.image.pixels[static_cast<std::size_t>(py + dy) * side + px + dx] = 0;
        }
    return symbol;
}

} // namespace accred
