// Finding and decoding a QR code in a greyscale image with ZXing.
#pragma once

#include <array>
#include <cstdint>
#include <optional>
#include <string>

namespace ZXing {
class ImageView;
}

namespace accred {

struct QrPoint {
    int x = 0;
    int y = 0;
};

struct QrRead {
    std::string bytes;    // the symbol's raw content bytes, no character-set conversion
    std::string ec_level; // "L", "M", "Q" or "H"
    // The symbol's corners in image pixels: top-left, top-right, bottom-right, bottom-left of the
    // symbol as printed (so rotated with it), for outlining it on screen.
    std::array<QrPoint, 4> corners{};
    bool second_look = false; // found only by the second look (second_look.h)
};

struct QrReadOptions {
    bool try_harder = true; // slower, finds codes in poorer images
    bool try_rotate = true; // also 90/180/270 degrees (ZXing 1.4's QR reader ignores it)
    // When the frame gives nothing, decode once more from second_look(frame): turned 45 degrees
    // and contrast-stretched. Greyscale (Lum) images only. Costs a second decode on every frame
    // without a readable code; reads about 30% more badges on the camera-condition corpus.
    bool second_look = true;
};

// Decodes at most one QR code (QR only, no other symbology). nullopt when none is found.
std::optional<QrRead> read_qr(const ZXing::ImageView& image, const QrReadOptions& options = {});

} // namespace accred
