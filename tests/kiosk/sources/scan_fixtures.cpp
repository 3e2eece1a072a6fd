#include "scan_fixtures.h"

#include "crypto/credential.h"
#include "issuer/qr_writer.h"
#include "support/test_support.h"
#include "y4m_writer.h"

#include <catch2/catch.hpp>

namespace accred::test {

std::string credential_text(const std::string& label) {
    auto text = sign_credential(typical_claims(), key_from_label(label));
    REQUIRE(text);
    return *text;
}

GreyImage qr_card(const std::string& text, double margin_fraction) {
    auto symbol = render_qr(text, 4);
    REQUIRE(symbol);
    const GreyImage& qr = symbol->image;
    const int margin = static_cast<int>(qr.width * margin_fraction);
    GreyImage card;
    card.width = qr.width + 2 * margin;
    card.height = qr.height + 2 * margin;
    card.pixels.assign(static_cast<std::size_t>(card.width) * card.height, 255);
    for (int y = 0; y < qr.height; ++y)
        std::copy_n(qr.pixels.begin() + static_cast<long>(y) * qr.width, qr.width,
                    card.pixels.begin() + static_cast<long>(y + margin) * card.width + margin);
    return card;
}

void write_camera_y4m(const std::string& path, const std::vector<Shot>& shots,
                      const CameraSimOptions& options) {
    auto writer = Y4mWriter::create(path, options.width, options.height, 30);
    REQUIRE(writer);
    CameraSim sim(options);
    REQUIRE(sim.render(shots,
                       [&](const GreyImage& frame) { return writer->write_frame(frame.pixels); }));
    REQUIRE(writer->close());
}

} // namespace accred::test
