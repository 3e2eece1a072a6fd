// Rendering an AC1 text as a QR code image (ZXing's writer, error correction Q).
#pragma once

#include "crypto/outcome.h"
#include "scan/grey_image.h"

#include <string>

namespace accred {

struct QrSymbol {
    GreyImage image;  // the symbol with a 4-module quiet zone, scaled
    int version = 0;  // QR version 1-40 (a version-v symbol is 17 + 4v modules wide)
    int modules = 0;  // modules per side, quiet zone excluded
};

// Encodes text as a QR code at error correction level Q. Text made only of the QR alphanumeric
// set (as AC1 text is) is encoded in alphanumeric mode. Each module is module_pixels wide.
Outcome<QrSymbol> render_qr(const std::string& text, int module_pixels);

} // namespace accred
