// The screen's description of a verified holder: the delegation's and category's names, and
// whether the bundle's photo is the one signed into the badge, looked up in the PhotoIndex the
// engine makes once per bundle (again when a newer bundle is installed).
#include "bundle/bundle_file.h"
#include "kiosk/app/holder_description.h"
#include "kiosk/app/photo_index.h"
#include "kiosk/gate_fixture.h"

#include <catch2/catch.hpp>

using namespace accred;
using accred::test::brussels;
using accred::test::GateFixture;

namespace {

const std::int64_t kBundleTime = brussels(28, 3, 9) + 3600; // as in gate_scenarios_test

KioskBundle two_photos() {
    KioskBundle b;
    b.photos = {{"D001", "photo of D001"}, {"D002", "photo of D002"}};
    b.delegations[7] = "Delegation Seven";
    return b;
}

} // namespace

TEST_CASE("The photo index says match, mismatch, or no photo for a holder", "[kiosk][photo]") {
    const KioskBundle b = two_photos();
    const PhotoIndex index(b.photos);
    CHECK(index.matches("D001", photo_digest("photo of D001")) == true);
    CHECK(index.matches("D001", photo_digest("photo of D002")) == false); // another's photo
    CHECK(index.matches("D002", photo_digest("another photo")) == false);
    CHECK_FALSE(index.matches("D003", photo_digest("photo of D001")).has_value());
    CHECK_FALSE(PhotoIndex().matches("D001", photo_digest("photo of D001")).has_value());
}

TEST_CASE("Two holders with the same photo file both match it", "[kiosk][photo]") {
    const std::vector<RosterPhoto> photos{{"D001", "same"}, {"D002", "same"}};
    const PhotoIndex index(photos);
    CHECK(index.matches("D001", photo_digest("same")) == true);
    CHECK(index.matches("D002", photo_digest("same")) == true);
}

TEST_CASE("A holder is described from the bundle's codes", "[kiosk][photo]") {
    const KioskBundle b = two_photos();
    const PhotoIndex index(b.photos);
    Claims c;
    c.sub = "D002";
    c.org = Organisation{};
    c.org->code = 7;
    c.photo = photo_digest("photo of D002");
    HolderDescription d = describe_holder(b, index, c);
    CHECK(d.delegation == "Delegation Seven");
    CHECK(d.category.empty()); // no such category in this bundle
    CHECK(d.photo_matches == true);

    c.org->code = 8; // unknown code: no name
    c.sub = "D009";
    d = describe_holder(b, index, c);
    CHECK(d.delegation.empty());
    CHECK_FALSE(d.photo_matches.has_value());

    c.org->code.reset();
    c.org->name = "Spelled Out";
    CHECK(describe_holder(b, index, c).delegation == "Spelled Out");
}

TEST_CASE("A newer bundle's photos are the ones a scan is compared with", "[kiosk][photo]") {
    GateFixture f(kBundleTime);
    GateEngine& engine = f.kiosk("main_gate");
    const auto scan = [&](int hour) {
        return engine.handle_scan(GateFixture::through_camera(f.credential("D002")),
                                  brussels(31, 3, hour));
    };
    REQUIRE(scan(9).photo_matches == true);

    KioskBundle altered = f.bundle();
    altered.version = f.bundle().version + 1;
    for (auto& p : altered.photos)
        if (p.holder == "D002") p.bytes += "x";
    REQUIRE(engine.install_update(write_bundle(altered, f.event_key()), "altered"));
    CHECK(scan(10).photo_matches == false);

    KioskBundle without = altered;
    without.version = altered.version + 1;
    std::erase_if(without.photos, [](const RosterPhoto& p) { return p.holder == "D002"; });
    REQUIRE(engine.install_update(write_bundle(without, f.event_key()), "without"));
    CHECK_FALSE(scan(11).photo_matches.has_value());
}
