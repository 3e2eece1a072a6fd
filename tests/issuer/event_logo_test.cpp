// The event's logo is hostile input until checked: size, kind, dimensions, decoding; then it is
// kept in the workspace by issuer init and printed on every badge.
#include "crypto/file_io.h"
#include "issuer/badge_layout.h"
#include "issuer/event_logo.h"
#include "support/demo_event.h"
#include "support/test_support.h"
#include "tools/poppler.h"

#include <catch2/catch.hpp>

using namespace accred;
using accred::test::TempDir;

namespace {

std::string error_of(const Outcome<std::string>& read) {
    REQUIRE_FALSE(read);
    return read.error().message;
}

// The start of a PNG declaring w x h pixels: the signature and the IHDR chunk, as far as a
// decoder reads to learn the size (stb_image does not check chunk CRCs).
std::string png_header(std::uint32_t w, std::uint32_t h) {
    std::string out = "\x89PNG\r\n\x1a\n";
    auto be32 = [&](std::uint32_t v) {
        for (int shift = 24; shift >= 0; shift -= 8)
            out.push_back(static_cast<char>((v >> shift) & 0xFF));
    };
    be32(13);
    out += "IHDR";
    be32(w);
    be32(h);
    out += std::string("\x08\x02\x00\x00\x00", 5); // 8-bit RGB
    be32(0);                                       // CRC, not checked
    return out;
}

std::size_t image_count(const std::string& pdf) {
    const auto list = test::run_command("pdfimages -list '" + pdf + "'");
    REQUIRE(list);
    std::size_t lines = 0;
    for (char c : *list)
        lines += c == '\n';
    return lines - 2; // two header lines
}

} // namespace

TEST_CASE("The demo's logo loads; a bad logo is refused with the problem named", "[badge]") {
    const std::string demo = test::demo_dir() + "/event.toml";
    CHECK(logo_path_for(demo, "logo.png") == test::demo_dir() + "/logo.png");
    auto logo = read_logo_file(logo_path_for(demo, test::demo_event().logo));
    REQUIRE(logo);
    CHECK(logo->starts_with("\x89PNG"));

    TempDir dir;
    CHECK(error_of(read_logo_file(dir.file("missing.png"))).find("does not exist") !=
          std::string::npos);
    REQUIRE(write_new_file(dir.file("big.png"),
                           as_bytes("\x89PNG\r\n\x1a\n" + std::string(kMaxLogoBytes, 'x')), 0644));
    CHECK(error_of(read_logo_file(dir.file("big.png"))).find("over 1 MiB") != std::string::npos);
    REQUIRE(write_new_file(dir.file("text.png"), as_bytes(std::string("<svg>logo</svg>")), 0644));
    const std::string not_image = error_of(read_logo_file(dir.file("text.png")));
    CHECK(not_image.find("is not a PNG or JPEG image") != std::string::npos);
    CHECK(not_image.find("text.png") != std::string::npos);
    REQUIRE(write_new_file(dir.file("wide.png"), as_bytes(png_header(kMaxLogoSide + 1, 4)), 0644));
    CHECK(error_of(read_logo_file(dir.file("wide.png"))).find("pixels") != std::string::npos);
    std::string truncated = logo.value();
    truncated.resize(truncated.size() / 2);
    REQUIRE(write_new_file(dir.file("cut.png"), as_bytes(truncated), 0644));
    CHECK(error_of(read_logo_file(dir.file("cut.png"))).find("cannot be decoded") !=
          std::string::npos);
}

TEST_CASE("The logo is drawn on every badge and embedded in the PDF once", "[badge]") {
    BadgeContent b;
    b.holder_id = "X001";
    b.name = "Anneke Verhoeven";
    b.category_name = "Press";
    b.colour = "#EF6C00";
    b.event_name = "International Conference on Genocide Prevention";
    b.credential = "AC1:ANYTHING";
    TempDir dir;
    REQUIRE(render_badges_pdf({b, b, b}, dir.file("plain.pdf"), {}));
    BadgeRenderOptions options;
    options.logo = read_logo_file(test::demo_dir() + "/logo.png").value();
    REQUIRE(render_badges_pdf({b, b, b}, dir.file("logo.pdf"), options));
    // Each page lists the images it draws: the logo's one more per page than without it
    // (pdfimages -list), all of them the same object.
    CHECK(image_count(dir.file("logo.pdf")) >= image_count(dir.file("plain.pdf")) + 3);
    const auto list = test::run_command("pdfimages -list '" + dir.file("logo.pdf") + "'");
    REQUIRE(list);
    CHECK(list->find("256   256") != std::string::npos);
}
