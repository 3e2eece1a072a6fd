// Sign -> QR PNG on disk -> ZXing reads the image -> verify: the path a badge takes.
#include "crypto/credential.h"
#include "issuer/qr_writer.h"
#include "scan/grey_image.h"
#include "scan/qr_reader.h"
#include "crypto/file_io.h"
#include "support/test_support.h"

#include <ZXing/ImageView.h>
#include <catch2/catch.hpp>

using namespace accred;
using accred::test::key_from_label;
using accred::test::TempDir;
using accred::test::typical_claims;

namespace {

std::optional<QrRead> read_png(const std::string& path) {
    auto image = load_grey_image(path);
    REQUIRE(image);
    ZXing::ImageView view(image->pixels.data(), image->width, image->height,
                          ZXing::ImageFormat::Lum);
    return read_qr(view);
}

} // namespace

TEST_CASE("A credential survives the round trip through a real QR image", "[qr]") {
    TempDir dir;
    const SigningKey key = key_from_label("qr");
    TrustStore store;
    store.add(key.public_key());
    const std::string text = sign_credential(typical_claims(), key).value();

    auto symbol = render_qr(text, 4);
    REQUIRE(symbol);
    // ZXing picks the smallest version that holds the text: a typical credential's 294
    // alphanumeric characters at level Q take version 12 (65 x 65 modules), which holds 296.
    CHECK(text.size() <= 296);
    CHECK(symbol->version <= 12);
    CHECK(symbol->modules == 17 + 4 * symbol->version);
    const std::string png = dir.file("badge.png");
    REQUIRE(save_grey_png(symbol->image, png));

    auto read = read_png(png);
    REQUIRE(read);
    CHECK(read->bytes == text);
    CHECK(read->ec_level == "Q");
    const Verification v = verify_credential(read->bytes, store);
    REQUIRE(v.ok());
    CHECK(v.claims() == typical_claims());
}

TEST_CASE("A QR image of a tampered credential is read but refused", "[qr]") {
    TempDir dir;
    const SigningKey key = key_from_label("qr");
    TrustStore store;
    store.add(key.public_key());
    std::string text = sign_credential(typical_claims(), key).value();
    text[40] = text[40] == 'A' ? 'B' : 'A';
    auto symbol = render_qr(text, 3);
    REQUIRE(symbol);
    REQUIRE(save_grey_png(symbol->image, dir.file("forged.png")));
    auto read = read_png(dir.file("forged.png"));
    REQUIRE(read);
    CHECK(read->bytes == text);
    CHECK_FALSE(verify_credential(read->bytes, store).ok());
}

TEST_CASE("An image without a QR code reads as nothing", "[qr]") {
    GreyImage blank;
    blank.width = 200;
    blank.height = 200;
    blank.pixels.assign(200 * 200, 255);
    ZXing::ImageView view(blank.pixels.data(), blank.width, blank.height, ZXing::ImageFormat::Lum);
    CHECK_FALSE(read_qr(view));
}

TEST_CASE("Loading a file that is not an image is a clear error", "[qr]") {
    TempDir dir;
    const std::string path = dir.file("not-an-image.png");
    const std::string junk = "this is not a PNG";
    REQUIRE(write_new_file(path, as_bytes(junk), 0644));
    auto image = load_grey_image(path);
    REQUIRE_FALSE(image);
    CHECK(image.error().message.find("not a PNG or JPEG") != std::string::npos);
    CHECK_FALSE(load_grey_image(dir.file("missing.png")));
}
