// What a badge tells a guard without a kiosk, and how it prints: the row of zone codes against
// the credential's zones, the escort's principal, the CR80 photo, duplex page order and the logo.
#include "crypto/credential.h"
#include "crypto/file_io.h"
#include "event/resolved_zone.h"
#include "issuer/badge_layout.h"
#include "issuer/badge_selection.h"
#include "issuer/badge_spec.h"
#include "issuer/issuance.h"
#include "scan/grey_image.h"
#include "support/demo_event.h"
#include "support/test_support.h"
#include "tools/poppler.h"
#include "tools/qr_scan.h"

#include <algorithm>
#include <catch2/catch.hpp>
#include <set>

using namespace accred;
using accred::test::TempDir;

namespace {

constexpr double kPtPerMm = 72.0 / 25.4;
const std::int64_t kNow = 1396000000; // 28 March 2014, before the event

struct Signed {
    Claims claims;
    BadgeContent badge;
};

// A demo-event badge for person, through the desk's own path: claims_for_person, signing, then
// badge_content from the stored credential.
Signed badge_for(const Person& person, const SigningKey& key) {
    const EventDefinition& event = test::demo_event();
    const ResolvedZone zone = ResolvedZone::resolve(event.time_zone).value();
    CredentialId cti{};
    std::copy(person.id.begin(), person.id.end(), cti.begin());
    auto claims = claims_for_person(event, zone, person, std::nullopt, 1, kNow, cti);
    REQUIRE(claims);
    StoredCredential stored{cti,  person.id,   1, sign_credential(claims.value(), key).value(),
                            kNow, std::nullopt};
    return {claims.value(), badge_content(event, person, stored)};
}

Person press_person() {
    Person p;
    p.id = "X001";
    p.name = "Anneke Verhoeven";
    p.delegation = "De Standaard";
    p.category = "press";
    p.days = {{2014, 3, 31}, {2014, 4, 1}};
    p.zones = {"bilateral"}; // an explicit grant on top of the category's zones
    p.photo = read_small_file(test::demo_dir() + "/photos/D012.png", 1 << 20).value();
    return p;
}

// The text pdftotext finds in pdf, lines joined by spaces.
std::string pdf_text(const std::string& pdf) {
    std::string text = test::run_command("pdftotext '" + pdf + "' -").value();
    std::replace(text.begin(), text.end(), '\n', ' ');
    return text;
}

// The QR codes ZXing finds in a part of a greyscale image (x0, y0, w, h in pixels), sorted.
std::vector<std::string> qr_codes_in(const GreyImage& image, int x0, int y0, int w, int h) {
    std::vector<std::uint8_t> part(static_cast<std::size_t>(w) * h);
    for (int y = 0; y < h; ++y)
        std::copy_n(image.pixels.begin() + static_cast<std::ptrdiff_t>(y0 + y) * image.width + x0,
                    w, part.begin() + static_cast<std::ptrdiff_t>(y) * w);
    auto texts = test::find_qr_codes(part.data(), w, h);
    std::sort(texts.begin(), texts.end());
    return texts;
}

std::vector<std::string> all_qr_codes(const std::string& png) {
    auto image = load_grey_image(png);
    REQUIRE(image);
    return qr_codes_in(*image, 0, 0, image->width, image->height);
}

} // namespace

TEST_CASE("Every zone of the event has a box; the credential's zones are the filled ones",
          "[badge]") {
    const SigningKey key = test::key_from_label("zones");
    const Signed s = badge_for(press_person(), key);
    const EventDefinition& event = test::demo_event();

    // The content: one box per zone, in file order, granted exactly as the gates grant (the
    // credential's explicit zones and the category's), read back from the signed credential.
    TrustStore trusted;
    trusted.add(key.public_key());
    const Verification v = verify_credential(s.badge.credential, trusted);
    REQUIRE(v.ok());
    const Category* press = event.find_category_code(v.claims().category);
    REQUIRE(press);
    REQUIRE(s.badge.zones.size() == event.zones.size());
    std::set<std::string> granted_marks;
    for (const Zone& zone : event.zones) {
        const bool explicit_grant = std::find(v.claims().zones.begin(), v.claims().zones.end(),
                                              zone.code) != v.claims().zones.end();
        const bool by_category =
            std::find(press->zones.begin(), press->zones.end(), zone.id) != press->zones.end();
        INFO(zone.id);
        CHECK(s.badge.zones[zone.code].mark == badge_mark_of(zone));
        CHECK(s.badge.zones[zone.code].granted == (explicit_grant || by_category));
        if (explicit_grant || by_category) granted_marks.insert(badge_mark_of(zone));
    }
    CHECK(granted_marks == std::set<std::string>{"1", "2", "P", "B"});

    // The PDF: the marks printed in the zone row are the granted ones, nothing else.
    TempDir dir;
    const std::string pdf = dir.file("badge.pdf");
    REQUIRE(render_badges_pdf({s.badge}, pdf, {}));
    const auto boxes = badge::zone_boxes(BadgeFormat::a6, event.zones.size());
    REQUIRE(boxes.size() == event.zones.size());
    std::set<std::string> printed;
    auto words = test::pdf_words(pdf);
    REQUIRE(words);
    for (const test::PdfBox& w : *words) {
        const double cx = (w.x0 + w.x1) / 2 / kPtPerMm, cy = (w.y0 + w.y1) / 2 / kPtPerMm;
        for (std::size_t i = 0; i < boxes.size(); ++i) {
            const badge::Box& b = boxes[i];
            if (cx > b.x && cx < b.x + b.w && cy > b.y && cy < b.y + b.h) {
                CHECK(s.badge.zones[i].granted);
                CHECK(w.text == s.badge.zones[i].mark);
                printed.insert(w.text);
            }
        }
    }
    CHECK(printed == granted_marks);

    // The raster: a granted box is filled with ink, any other is white inside (crossed only).
    const auto pages = test::rasterise_pdf(pdf, dir.path().string(), 150).value();
    REQUIRE(pages.size() == 1);
    auto image = load_grey_image(pages[0]);
    REQUIRE(image);
    const double px_per_mm = 150 / 25.4;
    for (std::size_t i = 0; i < boxes.size(); ++i) {
        // Just inside the top edge, in the middle: clear of the mark, the cross and the outline.
        const int x = static_cast<int>((boxes[i].x + boxes[i].w / 2) * px_per_mm);
        const int y = static_cast<int>((boxes[i].y + 0.1 * boxes[i].h) * px_per_mm);
        const int grey = image->pixels[static_cast<std::size_t>(y) * image->width + x];
        INFO("zone box " << i << " grey " << grey);
        CHECK((s.badge.zones[i].granted ? grey < 80 : grey > 200));
    }
}

TEST_CASE("Zone boxes fit the badge whatever the number of zones", "[badge]") {
    CHECK(badge::zone_boxes(BadgeFormat::a6, 0).empty());
    for (BadgeFormat format : {BadgeFormat::a6, BadgeFormat::cr80}) {
        const badge::BadgeSize size = badge::badge_size(format);
        const badge::Box photo = badge::photo_area(format), qr = badge::qr_area(format);
        for (std::size_t n : {1u, 7u, 12u, 40u, 256u}) {
            const auto boxes = badge::zone_boxes(format, n);
            REQUIRE(boxes.size() == n);
            for (std::size_t i = 0; i < n; ++i) {
                const badge::Box& b = boxes[i];
                INFO("format " << static_cast<int>(format) << " zones " << n << " box " << i);
                CHECK(b.w == Approx(b.h));
                CHECK((b.x >= 2 && b.x + b.w <= size.width_mm - 2));
                // Clear of the photo and the QR code (and its quiet zone).
                for (const badge::Box& other : {photo, qr})
                    CHECK((b.y + b.h <= other.y || b.y >= other.y + other.h ||
                           b.x + b.w <= other.x || b.x >= other.x + other.w));
                if (i > 0) CHECK((boxes[i - 1].x + boxes[i - 1].w < b.x || boxes[i - 1].y < b.y));
            }
        }
        // The demo's seven zones sit in one row of boxes large enough to read at arm's length.
        const auto seven = badge::zone_boxes(format, 7);
        CHECK(seven.front().y == seven.back().y);
        CHECK(seven.front().w >= (format == BadgeFormat::a6 ? 8.0 : 5.5));
    }
}

TEST_CASE("A close-protection badge names the protected person", "[badge]") {
    const SigningKey key = test::key_from_label("escort");
    Person escort = press_person();
    escort.id = "K009";
    escort.category = "close_protection";
    escort.zones.clear();
    escort.escort_of = "P001";
    Signed s = badge_for(escort, key);
    CHECK(s.badge.escort_of == "P001");       // badge_content alone knows only the id
    s.badge.escort_of = "Ban Ki-moon (P001)"; // as select_badges names them from the roster
    for (BadgeFormat format : {BadgeFormat::a6, BadgeFormat::cr80}) {
        TempDir dir;
        BadgeRenderOptions options;
        options.format = format;
        REQUIRE(render_badges_pdf({s.badge}, dir.file("escort.pdf"), options));
        CHECK(pdf_text(dir.file("escort.pdf")).find("Escort of: Ban Ki-moon (P001)") !=
              std::string::npos);
    }
    // Someone who escorts nobody has no such line.
    TempDir dir;
    const Signed plain = badge_for(press_person(), key);
    REQUIRE(render_badges_pdf({plain.badge}, dir.file("plain.pdf"), {}));
    CHECK(pdf_text(dir.file("plain.pdf")).find("Escort") == std::string::npos);
}

TEST_CASE("The CR80 card's photo is large enough for a face check", "[badge]") {
    const badge::Box photo = badge::photo_area(BadgeFormat::cr80);
    CHECK(photo.w >= 25);
    CHECK(photo.h >= 32);
    const badge::BadgeSize card = badge::badge_size(BadgeFormat::cr80);
    CHECK((photo.x >= 2 && photo.x + photo.w <= card.width_mm - 2));
    const badge::Box qr = badge::qr_area(BadgeFormat::cr80);
    CHECK(photo.y + photo.h <= qr.y);
    // The back's QR code spans the card's width (2 mm margins), the front's at least half of it.
    const badge::Box back = badge::qr_area(BadgeFormat::cr80, badge::Side::back);
    CHECK(back.w >= card.width_mm - 4);
    CHECK(back.x + back.w <= card.width_mm);
    CHECK(qr.w >= card.width_mm / 2);
}

TEST_CASE("Duplex: front, back, front, back; an A4 sheet's backs mirrored for a long-edge flip",
          "[badge]") {
    const SigningKey key = test::key_from_label("duplex");
    std::vector<BadgeContent> badges;
    for (const char* id : {"X001", "X002", "X003"}) {
        Person p = press_person();
        p.id = id;
        badges.push_back(badge_for(p, key).badge);
    }
    for (BadgeFormat format : {BadgeFormat::a6, BadgeFormat::cr80}) {
        INFO("format " << static_cast<int>(format));
        TempDir dir;
        BadgeRenderOptions options;
        options.format = format;
        options.duplex = true;
        REQUIRE(render_badges_pdf(badges, dir.file("duplex.pdf"), options));
        const auto pages =
            test::rasterise_pdf(dir.file("duplex.pdf"), dir.path().string(), 300).value();
        REQUIRE(pages.size() == 6);
        for (std::size_t p = 0; p < pages.size(); ++p) {
            INFO("page " << p + 1);
            CHECK(all_qr_codes(pages[p]) == std::vector<std::string>{badges[p / 2].credential});
        }
    }
    // Badge slots: a back lies behind its front once the sheet turns over its long edge.
    BadgeRenderOptions sheets;
    sheets.a4_sheets = true;
    const badge::PageGeometry a6 = badge::page_geometry(sheets);
    CHECK(badge::badge_origin(a6, 0, badge::Side::front).x == Approx(0));
    CHECK(badge::badge_origin(a6, 0, badge::Side::back).x == Approx(105));
    CHECK(badge::badge_origin(a6, 3, badge::Side::back).x == Approx(0));
    CHECK(badge::badge_origin(a6, 3, badge::Side::back).y ==
          Approx(badge::badge_origin(a6, 3, badge::Side::front).y));
    sheets.format = BadgeFormat::cr80;
    const badge::PageGeometry cr80 = badge::page_geometry(sheets);
    for (std::size_t slot = 0; slot < 9; ++slot) {
        const badge::Point front = badge::badge_origin(cr80, slot, badge::Side::front);
        const badge::Point back = badge::badge_origin(cr80, slot, badge::Side::back);
        CHECK(back.x + 54 == Approx(210 - front.x));
        CHECK(back.y == Approx(front.y));
    }

    // And on paper: three A6 badges on an A4 sheet, then their backs, the first one's top right.
    TempDir dir;
    sheets.format = BadgeFormat::a6;
    sheets.duplex = true;
    REQUIRE(render_badges_pdf(badges, dir.file("sheets.pdf"), sheets));
    const auto pages =
        test::rasterise_pdf(dir.file("sheets.pdf"), dir.path().string(), 150).value();
    REQUIRE(pages.size() == 2);
    auto front = load_grey_image(pages[0]), back = load_grey_image(pages[1]);
    REQUIRE((front && back));
    const int half_w = front->width / 2, half_h = front->height / 2;
    CHECK(qr_codes_in(*front, 0, 0, half_w, half_h) ==
          std::vector<std::string>{badges[0].credential});
    CHECK(qr_codes_in(*back, half_w, 0, half_w, half_h) ==
          std::vector<std::string>{badges[0].credential});
    CHECK(qr_codes_in(*back, 0, 0, half_w, half_h) ==
          std::vector<std::string>{badges[1].credential});
    CHECK(qr_codes_in(*back, half_w, half_h, half_w, half_h) ==
          std::vector<std::string>{badges[2].credential});
}
