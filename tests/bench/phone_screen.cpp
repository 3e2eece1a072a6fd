#include "phone_screen.h"

#include "issuer/qr_writer.h"

#include <algorithm>

namespace accred::bench {
namespace {

void fill_rect(GreyImage& img, int x0, int y0, int x1, int y1, std::uint8_t grey) {
    x0 = std::clamp(x0, 0, img.width), x1 = std::clamp(x1, 0, img.width);
    y0 = std::clamp(y0, 0, img.height), y1 = std::clamp(y1, 0, img.height);
    for (int y = y0; y < y1; ++y)
        std::fill_n(img.pixels.begin() + y * img.width + x0, std::max(0, x1 - x0), grey);
}

} // namespace

Outcome<PhoneScreen> phone_screen(const std::string& credential) {
    constexpr int kModule = 8;
    auto symbol = render_qr(credential, kModule);
    if (!symbol) return symbol.error();
    const GreyImage& qr = symbol->image;
    // A 9 x 19.5 phone whose screen is a little wider than the code with its quiet zone.
    const int screen_w = qr.width * 11 / 10, bezel = screen_w / 20;
    const int screen_h = screen_w * 195 / 90;
    PhoneScreen out;
    GreyImage& img = out.image;
    img.width = screen_w + 2 * bezel;
    img.height = screen_h + 2 * bezel;
    img.pixels.assign(static_cast<std::size_t>(img.width) * static_cast<std::size_t>(img.height),
                      20); // body and bezel
    fill_rect(img, bezel, bezel, bezel + screen_w, bezel + screen_h, 255);
    fill_rect(img, bezel, bezel, bezel + screen_w, bezel + screen_h / 10, 90); // title bar
    for (int line = 0; line < 4; ++line) { // the holder's name and event, as grey text lines
        const int y = bezel + screen_h * (65 + 6 * line) / 100;
        fill_rect(img, bezel + screen_w / 10, y, bezel + screen_w * (9 - line) / 10,
                  y + screen_h / 40, 110);
    }
    const int qx = bezel + (screen_w - qr.width) / 2, qy = bezel + screen_h * 3 / 20;
    for (int y = 0; y < qr.height; ++y)
        for (int x = 0; x < qr.width; ++x)
            img.pixels[static_cast<std::size_t>((qy + y) * img.width + qx + x)] =
                qr.pixels[static_cast<std::size_t>(y * qr.width + x)];
    out.qr_u = (qx + qr.width / 2.0) / img.width;
    out.qr_v = (qy + qr.height / 2.0) / img.height;
    out.module_px = kModule;
    return out;
}

} // namespace accred::bench
