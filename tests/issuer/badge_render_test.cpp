// Badges as a printer and a gate see them: render real AC1 credentials to PDF and PNG, rasterise
// the PDF with poppler (pdftoppm, 300 dpi), read every QR code back with ZXing and verify it.
#include "crypto/credential.h"
#include "crypto/file_io.h"
#include "issuer/badge_layout.h"
#include "issuer/badge_spec.h"
#include "issuer/qr_writer.h"
#include "scan/grey_image.h"
#include "support/test_support.h"
#include "tools/poppler.h"
#include "tools/qr_scan.h"

#include <algorithm>
#include <catch2/catch.hpp>
#include <filesystem>

using namespace accred;
using accred::test::TempDir;

// LeakSanitizer hook. fontconfig (under cairo's toy font API) keeps its configuration and font
// patterns for the life of the process, behind encoded pointers LeakSanitizer cannot follow, so
// they are reported as leaks at exit. They are not ours and not leaks; nothing else is suppressed.
extern "C" const char* __lsan_default_suppressions() {
    return "leak:libfontconfig.so\n";
}

namespace {

constexpr double kPtPerMm = 72.0 / 25.4;

struct Person {
    const char* id;
    const char* name;
    const char* delegation;
    const char* photo; // in assets/demo/photos; "" for none
};

// From the demo roster: accents, hyphens, a long name, one without a photo.
const Person kPeople[] = {
    {"P002", "Thorbjørn Jagland", "Council of Europe", "P002.png"},
    {"P003", "Nkosazana Dlamini-Zuma", "African Union Commission", "P003.png"},
    {"M003", "Amra Kovačević-Selimović", "Bosnia and Herzegovina", "M003.png"},
    {"M011", "Ryōsuke Tanabe", "Japan", ""},
    {"D010", "Selma Hodžić-Imamović", "Bosnia and Herzegovina", "D010.png"},
    {"D012", "Clémence Aubertin", "French Republic", "D012.png"},
    {"S004", "Dragan Mihaljević", "Sarajevo School of Transitional Justice", "S004.png"},
    {"D015", "Henrik Sjöström-Ahl", "Kingdom of Sweden", "D015.png"},
    {"S002", "Emmanuel Ndayizeye-Kamali", "Kigali Institute for Memory Studies", "S002.png"},
    {"D001", "Min-seo Hwang", "United Nations", "D001.png"},
};

// 64 bytes, the longest name a credential holds, with a long delegation spelled out.
const Person kLongest{"L001", "Maximilián-Alexander Bartholomäus von Hohenzollern-Sigmaringen",
                      "Kigali Institute for Memory Studies and Transitional Justice", ""};

struct Fixture {
    SigningKey key = test::key_from_label("badges");
    TrustStore trusted;
    std::vector<Claims> claims;
    std::vector<BadgeContent> badges;

    Fixture() { trusted.add(key.public_key()); }

    void add(const Person& p, std::uint32_t issue = 1) {
        Claims c = test::typical_claims();
        c.sub = p.id;
        c.name = p.name;
        c.org = Organisation{std::nullopt, p.delegation};
        c.issue = issue;
        BadgeContent b;
        b.holder_id = p.id;
        b.name = p.name;
        b.delegation = p.delegation;
        b.category_name = issue % 2 ? "Head of delegation / Minister" : "Press";
        b.colour = issue % 2 ? "#1F4E9A" : "#F2C200";
        b.days = "31 March - 1 April 2014";
        b.event_name = "International Conference on Genocide Prevention";
        const std::string photo = std::string(ACCRED_DEMO_DIR) + "/photos/" + p.photo;
        if (*p.photo) b.photo_png = read_small_file(photo, 1 << 20).value();
        b.credential = sign_credential(c, key).value();
        b.issue = issue;
        claims.push_back(c);
        badges.push_back(b);
    }
    void add_people(std::size_t n) {
        for (std::size_t i = 0; i < n; ++i)
            add(kPeople[i % std::size(kPeople)], static_cast<std::uint32_t>(1 + i / 10));
    }
    std::vector<std::string> credentials(std::size_t first, std::size_t count) const {
        std::vector<std::string> out;
        for (std::size_t i = first; i < first + count; ++i)
            out.push_back(badges[i].credential);
        std::sort(out.begin(), out.end());
        return out;
    }
    // Every text read back must verify and carry the claims that were signed.
    void check_verifies(const std::string& text) const {
        const Verification v = verify_credential(text, trusted);
        REQUIRE(v.ok());
        CHECK(std::find(claims.begin(), claims.end(), v.claims()) != claims.end());
    }
};

std::string run(const std::string& command) {
    INFO(command);
    auto out = test::run_command(command);
    REQUIRE(out);
    return *out;
}

std::vector<std::string> rasterise(const std::string& pdf, const TempDir& dir, int dpi) {
    auto pages = test::rasterise_pdf(pdf, dir.path().string(), dpi);
    REQUIRE(pages);
    return *pages;
}

// Every QR code ZXing finds in a PNG file, sorted.
std::vector<std::string> read_all_qr(const std::string& png) {
    auto image = load_grey_image(png);
    REQUIRE(image);
    auto texts = test::find_qr_codes(image->pixels.data(), image->width, image->height);
    std::sort(texts.begin(), texts.end());
    return texts;
}

void check_pages(const std::string& pdf, std::size_t pages, double width_mm, double height_mm) {
    const auto boxes = test::pdf_media_boxes(pdf);
    REQUIRE(boxes);
    REQUIRE(boxes->size() == pages);
    for (const test::PdfBox& box : *boxes) {
        CHECK((box.x0 == 0 && box.y0 == 0));
        CHECK(box.x1 == Approx(width_mm * kPtPerMm).margin(0.01));
        CHECK(box.y1 == Approx(height_mm * kPtPerMm).margin(0.01));
    }
}

// Renders, checks the page size (mm), rasterises at 300 dpi and checks each page holds exactly
// the expected credentials, all verifying.
void check_round_trip(const Fixture& f, const BadgeRenderOptions& options, std::size_t per_page,
                      double width_mm, double height_mm) {
    TempDir dir;
    const std::string pdf = dir.file("badges.pdf");
    std::vector<std::size_t> progress;
    BadgeRenderOptions with_progress = options;
    with_progress.progress = [&](std::size_t done, std::size_t total) {
        CHECK(total == f.badges.size());
        progress.push_back(done);
    };
    REQUIRE(render_badges_pdf(f.badges, pdf, with_progress));
    CHECK(progress.size() == f.badges.size());
    CHECK(std::is_sorted(progress.begin(), progress.end()));

    const std::size_t page_count = (f.badges.size() + per_page - 1) / per_page;
    check_pages(pdf, page_count, width_mm, height_mm);
    const auto pages = rasterise(pdf, dir, 300);
    REQUIRE(pages.size() == page_count);
    for (std::size_t p = 0; p < pages.size(); ++p) {
        INFO("page " << p + 1);
        const std::size_t first = p * per_page;
        const auto texts = read_all_qr(pages[p]);
        CHECK(texts == f.credentials(first, std::min(per_page, f.badges.size() - first)));
        for (const std::string& text : texts)
            f.check_verifies(text);
    }
}

} // namespace

TEST_CASE("A6 badges, one per page, read back as their credentials", "[badge]") {
    Fixture f;
    f.add_people(3);
    check_round_trip(f, {}, 1, 105, 148);
}

TEST_CASE("A4 sheets of A6 badges: 4 per page, the last page partly filled", "[badge]") {
    Fixture f;
    f.add_people(6);
    BadgeRenderOptions options;
    options.a4_sheets = true;
    CHECK(badges_per_sheet(BadgeFormat::a6) == 4);
    check_round_trip(f, options, 4, 210, 297); // 4 + 2
}

TEST_CASE("CR80 cards, single and on A4 sheets, read back as their credentials", "[badge]") {
    Fixture f;
    f.add_people(11);
    BadgeRenderOptions options;
    options.format = BadgeFormat::cr80;
    options.a4_sheets = true;
    CHECK(badges_per_sheet(BadgeFormat::cr80) == 9);
    check_round_trip(f, options, 9, 210, 297); // 9 + 2

    Fixture one;
    one.add_people(2);
    options.a4_sheets = false;
    check_round_trip(one, options, 1, 54, 85.6);
}

TEST_CASE("PNG badges: one file per holder, each decoding to its credential", "[badge]") {
    Fixture f;
    f.add_people(3);
    TempDir dir;
    std::size_t calls = 0;
    BadgeRenderOptions options;
    options.progress = [&](std::size_t, std::size_t) { ++calls; };
    REQUIRE(render_badges_png(f.badges, dir.path().string(), 300, options));
    CHECK(calls == 3);
    for (std::size_t i = 0; i < f.badges.size(); ++i) {
        const std::string png = dir.file(f.badges[i].holder_id + ".png");
        auto image = load_grey_image(png);
        REQUIRE(image);
        CHECK(image->width == 1240); // 105 mm at 300 dpi
        CHECK(image->height == 1748);
        CHECK(read_all_qr(png) == std::vector<std::string>{f.badges[i].credential});
        f.check_verifies(f.badges[i].credential);
    }
    // Nothing is overwritten, and nothing is written when one file is in the way.
    CHECK_FALSE(render_badges_png(f.badges, dir.path().string(), 300, {}));
    CHECK_FALSE(render_badges_png(f.badges, dir.path().string(), 20, {}));
    Fixture bad;
    bad.add_people(1);
    bad.badges[0].holder_id = "../escape";
    CHECK_FALSE(render_badges_png(bad.badges, dir.path().string(), 300, {}));
}

TEST_CASE("The PDF in memory is a PDF whose QR codes read back", "[badge]") {
    Fixture f;
    f.add_people(2);
    std::size_t calls = 0;
    BadgeRenderOptions options;
    options.progress = [&](std::size_t, std::size_t) { ++calls; };
    auto bytes = render_badges_pdf_bytes(f.badges, options);
    REQUIRE(bytes);
    CHECK(calls == 2);
    REQUIRE(bytes->rfind("%PDF-", 0) == 0);
    CHECK(bytes->find("%%EOF") != std::string::npos);
    TempDir dir;
    const std::string pdf = dir.file("badges.pdf");
    REQUIRE(write_new_file(pdf, as_bytes(bytes.value()), 0644));
    check_pages(pdf, 2, 105, 148);
    const auto pages = rasterise(pdf, dir, 300);
    REQUIRE(pages.size() == 2);
    for (std::size_t p = 0; p < pages.size(); ++p) {
        CHECK(read_all_qr(pages[p]) == std::vector<std::string>{f.badges[p].credential});
        f.check_verifies(f.badges[p].credential);
    }
    // The same checks as for a file, before anything is drawn.
    CHECK_FALSE(render_badges_pdf_bytes({}, {}));
    f.badges[1].colour = "blue";
    const auto refused = render_badges_pdf_bytes(f.badges, {});
    REQUIRE_FALSE(refused);
    CHECK(refused.error().message.find("badge 2 (P003)") != std::string::npos);
}

TEST_CASE("An existing PDF is never overwritten", "[badge]") {
    Fixture f;
    f.add_people(1);
    TempDir dir;
    const std::string pdf = dir.file("badges.pdf");
    REQUIRE(write_new_file(pdf, as_bytes(std::string("keep me")), 0644));
    const Status s = render_badges_pdf(f.badges, pdf, {});
    REQUIRE_FALSE(s);
    CHECK(s.error().message.find(pdf) != std::string::npos);
    CHECK(read_small_file(pdf, 100).value() == "keep me");
}

TEST_CASE("Badges that cannot be printed are refused before a file is created", "[badge]") {
    Fixture f;
    f.add_people(2);
    TempDir dir;
    CHECK_FALSE(render_badges_pdf({}, dir.file("none.pdf"), {}));
    f.badges[1].colour = "blue";
    CHECK_FALSE(render_badges_pdf(f.badges, dir.file("a.pdf"), {}));
    f.badges[1].colour = "#000000";
    f.badges[1].category_name.clear(); // colour alone must never be the only signal
    CHECK_FALSE(render_badges_pdf(f.badges, dir.file("b.pdf"), {}));
    CHECK(std::filesystem::is_empty(dir.path()));
}

TEST_CASE("An empty or undecodable photo prints a placeholder; the QR still reads", "[badge]") {
    Fixture f;
    f.add_people(3);
    f.badges[0].photo_png.clear();
    f.badges[1].photo_png = "\x89PNG\r\n\x1a\n not really a PNG";
    f.badges[2].photo_png = std::string(5000, '\xFF');
    TempDir dir;
    const std::string pdf = dir.file("badges.pdf");
    REQUIRE(render_badges_pdf(f.badges, pdf, {}));
    const std::string text = run("pdftotext -layout '" + pdf + "' -");
    std::size_t placeholders = 0;
    for (auto at = text.find("no photo"); at != std::string::npos;
         at = text.find("no photo", at + 1))
        ++placeholders;
    CHECK(placeholders == 3);
    for (const std::string& page : rasterise(pdf, dir, 300))
        CHECK(read_all_qr(page).size() == 1);
}

TEST_CASE("Names print whole, with their accents, inside the badge and clear of the QR code",
          "[badge]") {
    Fixture f;
    f.add_people(std::size(kPeople));
    REQUIRE(std::string(kLongest.name).size() == 64);
    f.add(kLongest);
    for (BadgeFormat format : {BadgeFormat::a6, BadgeFormat::cr80}) {
        const badge::BadgeSize size = badge::badge_size(format);
        const badge::Box qr = badge::qr_area(format);
        TempDir dir;
        const std::string pdf = dir.file("badges.pdf");
        BadgeRenderOptions options;
        options.format = format;
        REQUIRE(render_badges_pdf(f.badges, pdf, options));

        // Every word pdftotext finds must lie inside the badge's 2 mm margin and outside the QR
        // area: nothing cut off, nothing over the quiet zone.
        const auto words = test::pdf_words(pdf);
        REQUIRE(words);
        for (const test::PdfBox& w : *words) {
            INFO("word " << w.text << " format " << static_cast<int>(format));
            const double x0 = w.x0 / kPtPerMm, y0 = w.y0 / kPtPerMm;
            const double x1 = w.x1 / kPtPerMm, y1 = w.y1 / kPtPerMm;
            CHECK((x0 >= 2 && x1 <= size.width_mm - 2 && y0 >= 1 && y1 <= size.height_mm - 2));
            CHECK((x1 <= qr.x || x0 >= qr.x + qr.w || y1 <= qr.y || y0 >= qr.y + qr.h));
        }
        CHECK(words->size() > 10 * f.badges.size());
        // The accents are real glyphs with their Unicode text, in DejaVu Sans as embedded.
        const std::string text = run("pdftotext '" + pdf + "' -");
        for (const char* piece : {"Thorbjørn", "Kovačević", "Ryōsuke", "Hodžić", "Sjöström",
                                  "Bartholomäus", "Clémence"})
            CHECK(text.find(piece) != std::string::npos);
        const std::string fonts = run("pdffonts '" + pdf + "'");
        CHECK(fonts.find("DejaVuSans-Bold") != std::string::npos);
        CHECK(fonts.find("DejaVuSans ") != std::string::npos);

        const auto pages = rasterise(pdf, dir, 300);
        REQUIRE(pages.size() == f.badges.size());
        CHECK(read_all_qr(pages.back()) == std::vector<std::string>{f.badges.back().credential});
    }
}

TEST_CASE("The QR code is large enough to scan from a distance", "[badge]") {
    Fixture f;
    f.add_people(std::size(kPeople));
    f.add(kLongest);
    for (const BadgeContent& b : f.badges) {
        const int modules = render_qr(b.credential, 1).value().modules;
        INFO(b.holder_id << ": " << modules << " modules");
        const double a6 = badge::qr_module_mm(BadgeFormat::a6, modules);
        CHECK(a6 >= 0.6); // read from about 40 cm by a gate camera
        CHECK(a6 * modules >= 45);
        // A CR80 front shares its 54 x 86 mm with a 25 x 32 mm photo and the zone codes: its code
        // is read up close; the back (--duplex) carries it at full card width for distance.
        CHECK(badge::qr_module_mm(BadgeFormat::cr80, modules) * modules >= 23);
        CHECK(badge::qr_module_mm(BadgeFormat::cr80, modules, badge::Side::back) * modules >= 40);
        CHECK(badge::qr_module_mm(BadgeFormat::a6, modules, badge::Side::back) >= 1.0);
    }
}

TEST_CASE("Badge text is cleaned to valid UTF-8 before cairo sees it", "[badge]") {
    CHECK(badge::printable_utf8("Thorbjørn") == "Thorbjørn");
    CHECK(badge::printable_utf8("a\xFF!") == "a\xEF\xBF\xBD!");
    CHECK(badge::printable_utf8("\xC0\xAF") == "\xEF\xBF\xBD\xEF\xBF\xBD"); // overlong
    CHECK(badge::printable_utf8("\xED\xA0\x80") ==
          "\xEF\xBF\xBD\xEF\xBF\xBD\xEF\xBF\xBD"); // surrogate
    CHECK(badge::printable_utf8("a\nb\tc\xC2\x85") == "a b c ");
    Fixture f;
    f.add_people(1);
    f.badges[0].name = "Bad \xFF\xFE name";
    f.badges[0].delegation = std::string("nul\0inside", 10);
    TempDir dir;
    REQUIRE(render_badges_pdf(f.badges, dir.file("badges.pdf"), {}));
}
