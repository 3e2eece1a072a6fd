// The kiosk reads either side of a badge: a back side rendered to an image is decoded by the
// kiosk's own scan pipeline (scan/qr_reader) and admitted at the gate like the front.
#include "issuer/badge_layout.h"
#include "issuer/badge_spec.h"
#include "kiosk/gate_fixture.h"
#include "scan/grey_image.h"
#include "scan/qr_reader.h"
#include "support/test_support.h"
#include "tools/poppler.h"

#include <ZXing/ImageView.h>
#include <catch2/catch.hpp>

using namespace accred;
using accred::test::brussels;
using accred::test::GateFixture;
using accred::test::TempDir;

namespace {

// What the kiosk's scan pipeline reads from a greyscale image file.
std::string kiosk_reads(const std::string& png) {
    auto image = load_grey_image(png);
    REQUIRE(image);
    ZXing::ImageView view(image->pixels.data(), image->width, image->height,
                          ZXing::ImageFormat::Lum);
    auto read = read_qr(view);
    REQUIRE(read);
    return read->bytes;
}

BadgeContent delegate_badge(GateFixture& f) {
    BadgeContent b;
    b.holder_id = "D002";
    b.name = "A delegate";
    b.category_name = "Delegate";
    b.colour = "#2E7D32";
    b.event_name = "International Conference on Genocide Prevention";
    b.credential = f.credential("D002");
    return b;
}

} // namespace

TEST_CASE("The kiosk admits a badge from its back side, PNG and printed PDF alike", "[badge]") {
    GateFixture f(brussels(28, 3, 9) + 3600);
    const BadgeContent badge = delegate_badge(f);
    for (BadgeFormat format : {BadgeFormat::a6, BadgeFormat::cr80}) {
        INFO("format " << static_cast<int>(format));
        TempDir dir;
        BadgeRenderOptions options;
        options.format = format;
        options.duplex = true;
        // The renderer's raster path: D002.png and D002-back.png.
        REQUIRE(render_badges_png({badge}, dir.path().string(), 300, options));
        const std::string front = kiosk_reads(dir.file("D002.png"));
        const std::string back = kiosk_reads(dir.file("D002-back.png"));
        CHECK(front == badge.credential);
        CHECK(back == front);
        // The PDF as a printer gets it, rasterised by poppler: the second page is the back.
        REQUIRE(render_badges_pdf({badge}, dir.file("duplex.pdf"), options));
        TempDir pages_dir;
        auto pages = test::rasterise_pdf(dir.file("duplex.pdf"), pages_dir.path().string(), 200);
        REQUIRE(pages);
        REQUIRE(pages->size() == 2);
        CHECK(kiosk_reads((*pages)[1]) == badge.credential);
    }
    TempDir dir;
    BadgeRenderOptions options;
    options.format = BadgeFormat::cr80;
    options.duplex = true;
    REQUIRE(render_badges_png({badge}, dir.path().string(), 300, options));
    const auto r = f.kiosk("main_gate")
                       .handle_scan(kiosk_reads(dir.file("D002-back.png")), brussels(31, 3, 9));
    CHECK(r.decision.verdict == Verdict::granted);
    CHECK(r.decision.admitted);
    REQUIRE(r.decision.claims);
    CHECK(r.decision.claims->sub == "D002");
    // The back's QR code is larger than the front's: it scans from farther and with more blur.
    for (BadgeFormat format : {BadgeFormat::a6, BadgeFormat::cr80})
        CHECK(badge::qr_module_mm(format, 65, badge::Side::back) >
              1.5 * badge::qr_module_mm(format, 65));
}
