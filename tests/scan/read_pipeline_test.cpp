// The read pipeline's costly steps (scan/recovery.h) on real QR symbols from the desk's writer,
// decoded by the real ZXing: frames bare ZXing misses (a small code, a blurred one) that the
// pipeline reads, and its per-frame budget counted as work, not time.
#include "issuer/qr_writer.h"
#include "scan/code_regions.h"
#include "scan/finder_census.h"
#include "scan/grey_ops.h"
#include "scan/qr_reader.h"
#include "support/long_credential.h"
#include "support/test_support.h"

#include <ZXing/ReadBarcode.h>
#include <catch2/catch.hpp>
#include <cmath>
#include <string_view>

using namespace accred;

namespace {

using test::long_credential;

// The symbol (drawn at 10 px per module) shrunk to module_px per module by area averaging, its
// black and white at 40 and 200, at (left, top) in a 1280x720 frame of mid grey with a dark and
// a bright block, then blurred by a Gaussian of sigma px: a badge's code seen from afar or out
// of focus.
GreyImage frame_with(const QrSymbol& symbol, double module_px, double sigma, int left, int top) {
    GreyImage f{1280, 720, std::vector<std::uint8_t>(1280u * 720u, 120)};
    for (int y = 60; y < 260; ++y)
        for (int x = 900; x < 1200; ++x)
            f.pixels[static_cast<std::size_t>(y * 1280 + x)] = y < 160 ? 15 : 235;
    const double scale = 10 / module_px; // symbol pixels per frame pixel
    const int side = static_cast<int>(symbol.image.width / scale);
    for (int y = 0; y < side; ++y)
        for (int x = 0; x < side; ++x) {
            double white = 0, n = 0;
            for (double v = y * scale; v < (y + 1) * scale; v += 1)
                for (double u = x * scale; u < (x + 1) * scale; u += 1, ++n)
                    white += symbol.image.pixels[static_cast<std::size_t>(v) * symbol.image.width +
                                                 static_cast<std::size_t>(u)] != 0;
            f.pixels[static_cast<std::size_t>((top + y) * 1280 + left + x)] =
                static_cast<std::uint8_t>(40 + 160 * white / n);
        }
    if (sigma <= 0) return f;
    // The Gaussian blur is an unsharp mask of amount -1: p - (p - blur) = blur.
    return unsharp_mask(f, sigma, -1);
}

ZXing::ImageView view_of(const GreyImage& g) {
    return {g.pixels.data(), g.width, g.height, ZXing::ImageFormat::Lum};
}

// The kiosk's settings, with the bait guard's time limit lifted so that a loaded test machine
// cannot cut the pipeline short (the guard has its own test in second_look_test.cpp).
QrReadOptions untimed(double recovery_budget) {
    QrReadOptions o;
    o.try_rotate = false;
    o.second_look_budget = std::chrono::milliseconds(60'000);
    o.recovery_budget = recovery_budget;
    return o;
}

} // namespace

TEST_CASE("a code bare ZXing misses is read once its region is enlarged", "[scan]") {
    const std::string text = long_credential();
    const auto symbol = render_qr(text, 10);
    REQUIRE(symbol);
    // 3 px per module, a slight blur: ZXing's sampling grid falls between modules (at 3.5 px it
    // reads the same code), and twice the size it does not.
    const GreyImage frame = frame_with(*symbol, 3, 1.1, 300, 250);
    // The census sees the code's finder patterns and makes a region about it.
    std::vector<FinderHit> hits;
    count_finder_like_patterns(frame.pixels.data(), 1280, 720, 1280, &hits);
    const std::vector<CodeRegion> regions = code_regions(hits);
    REQUIRE_FALSE(regions.empty());
    CHECK(regions[0].box.x <= 300);
    CHECK(regions[0].box.x + regions[0].box.width >= 300 + 69 * 3);
    // Neither bare ZXing nor the cheap passes read it; the pipeline does.
    CHECK_FALSE(ZXing::ReadBarcode(view_of(frame)).isValid());
    CHECK_FALSE(read_qr(view_of(frame), untimed(0)));
    const auto read = read_qr(view_of(frame), untimed(QrReadOptions{}.recovery_budget));
    REQUIRE(read);
    CHECK(read->bytes == text);
    CHECK(std::string_view(read->step).starts_with("region"));
    // Its corners are in the frame's pixels, about the code (quiet zone of 4 modules inside).
    CHECK(std::abs(read->corners[0].x - (300 + 4 * 3)) < 8);
    CHECK(std::abs(read->corners[0].y - (250 + 4 * 3)) < 8);
}

TEST_CASE("a small code bare ZXing misses is read from the sharpened frame", "[scan]") {
    const std::string text = long_credential();
    const auto symbol = render_qr(text, 10);
    REQUIRE(symbol);
    // 1.4 px per module, a slight blur: the census still sees its finder patterns, ZXing's
    // binarizer no longer separates its modules until the frame is sharpened.
    const GreyImage frame = frame_with(*symbol, 1.4, 0.5, 300, 250);
    CHECK_FALSE(ZXing::ReadBarcode(view_of(frame)).isValid());
    CHECK_FALSE(read_qr(view_of(frame), untimed(0)));
    const auto read = read_qr(view_of(frame), untimed(QrReadOptions{}.recovery_budget));
    REQUIRE(read);
    CHECK(read->bytes == text);
    CHECK(std::string_view(read->step) == "frame sharpened");
}

TEST_CASE("the pipeline's work per frame stays within its budget", "[scan]") {
    const double frame = 1280.0 * 720.0;
    // A frame with no code and nothing finder-like: the cheap passes alone, whatever the budget
    // (full size, a third, the second look's turned copy at full size and a third).
    GreyImage noise{1280, 720, std::vector<std::uint8_t>(1280u * 720u)};
    for (std::size_t i = 0; i < noise.pixels.size(); ++i)
        noise.pixels[i] = static_cast<std::uint8_t>(64 + ((i * 2654435761u) >> 25));
    QrReadWork cheap, full;
    CHECK_FALSE(read_qr(view_of(noise), untimed(0), &cheap));
    CHECK(cheap.decodes == 4);
    CHECK_FALSE(read_qr(view_of(noise), untimed(6.5), &full));
    CHECK(full.decodes == cheap.decodes);
    // ...and the search for a busy square patch (a quarter of the frame read), which finds none.
    CHECK(full.total() == cheap.total() + static_cast<std::uint64_t>(frame / 4));

    // A code too blurred to read even so (sigma a module wide: past the physical limit,
    // docs/qr-pipeline.md): every costly step runs that fits the budget, and the work stays
    // within it.
    const auto symbol = render_qr(long_credential(), 10);
    REQUIRE(symbol);
    const GreyImage hopeless = frame_with(*symbol, 3, 3.2, 300, 250);
    QrReadWork spent;
    CHECK_FALSE(read_qr(view_of(hopeless), untimed(6.5), &spent));
    CHECK(spent.decodes > cheap.decodes);
    CHECK(static_cast<double>(spent.total()) <= 6.5 * frame);
    // A budget the cheap passes already spend leaves no room for any costly step.
    QrReadWork tight;
    CHECK_FALSE(read_qr(view_of(hopeless), untimed(1), &tight));
    CHECK(tight.decodes == cheap.decodes);
    CHECK(tight.total() == cheap.total());
    // A budget with room for the deconvolutions: they run, and the work stays within it.
    QrReadWork roomy;
    CHECK_FALSE(read_qr(view_of(hopeless), untimed(12), &roomy));
    CHECK(roomy.decodes > spent.decodes);
    CHECK(static_cast<double>(roomy.total()) <= 12 * frame);

    // On a code the first pass reads, the pipeline costs nothing more than that pass.
    const GreyImage sharp = frame_with(*symbol, 4, 0, 300, 150);
    QrReadWork easy;
    const auto read = read_qr(view_of(sharp), untimed(6.5), &easy);
    REQUIRE(read);
    CHECK(std::string_view(read->step) == "first pass");
    CHECK(easy.decodes == 1);
    CHECK(static_cast<double>(easy.total()) == frame);

    // A code read by a region repair: the repair works on a small part of the frame (the cheap
    // passes before it cost about 1.2 frames).
    const GreyImage poor = frame_with(*symbol, 3, 1.1, 300, 250);
    QrReadWork repaired;
    const auto region_read = read_qr(view_of(poor), untimed(6.5), &repaired);
    REQUIRE(region_read);
    CHECK(std::string_view(region_read->step).starts_with("region"));
    CHECK(static_cast<double>(repaired.total()) < 2.2 * frame);
}
