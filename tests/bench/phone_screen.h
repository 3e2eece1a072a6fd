// A phone showing a credential's QR code in a wallet-like app: dark body and bezel, bright
// screen, a title bar and text lines, the code in the middle.
#pragma once

#include "crypto/outcome.h"
#include "scan/grey_image.h"

#include <string>

namespace accred::bench {

struct PhoneScreen {
    GreyImage image;
    double qr_u = 0.5, qr_v = 0.5; // the code's centre, as fractions of the image
    double module_px = 0;          // one QR module in image pixels
};

// Renders the phone face on (ZXing's QR writer for the code, as the desk's render_qr).
Outcome<PhoneScreen> phone_screen(const std::string& credential);

} // namespace accred::bench
