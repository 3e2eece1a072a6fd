// The screen's description of a verified holder: the delegation's and category's names, and
// whether the bundle's photo is the one signed into the badge, looked up by holder id in the
// kiosk's bundle store (a real SQLite file made from a signed bundle).
#include "bundle/bundle_reader.h"
#include "bundle/bundle_store.h"
#include "bundle/bundle_writer.h"
#include "kiosk/app/holder_description.h"
#include "kiosk/gate_fixture.h"
#include "store/sqlite_db.h"
#include "support/demo_event.h"
#include "support/test_support.h"

#include <catch2/catch.hpp>

using namespace accred;
using accred::test::brussels;
using accred::test::GateFixture;

namespace {

const std::int64_t kBundleTime = brussels(28, 3, 9) + 3600; // as in gate_scenarios_test

KioskBundle policy() {
    KioskBundle b;
    b.version = 1;
    b.event = accred::test::demo_event();
    b.revocations.event_id = b.event.id;
    b.delegations[7] = "Delegation Seven";
    return b;
}

// A store holding photos, made the way a kiosk installs a bundle.
BundleStore store_of(const accred::test::TempDir& dir, const std::vector<RosterPhoto>& photos) {
    const SigningKey key = accred::test::key_from_label("holder description");
    const auto file = write_bundle(policy(), photos, key);
    ByteInput in(file);
    auto reader = BundleReader::open(in, key.public_key());
    REQUIRE(reader);
    const std::string path = dir.file("bundle.db");
    REQUIRE(BundleStore::create(path, reader.value()));
    auto store = BundleStore::open(path, key.public_key());
    REQUIRE(store);
    return std::move(store).value();
}

Claims claims_of(const std::string& holder, const std::string& photo) {
    Claims c;
    c.sub = holder;
    c.photo = photo_digest(photo);
    return c;
}

} // namespace

TEST_CASE("The store says match, mismatch, or no photo for a holder", "[kiosk][photo]") {
    accred::test::TempDir dir;
    BundleStore store = store_of(dir, {{"D001", "photo of D001", {}}, {"D002", "photo of D002", {}}});
    const KioskBundle b = policy();
    const auto d1 = describe_holder(b, &store, claims_of("D001", "photo of D001"));
    CHECK(d1.photo_matches == true);
    CHECK(d1.photo == "photo of D001");
    const auto other = describe_holder(b, &store, claims_of("D001", "photo of D002"));
    CHECK(other.photo_matches == false); // another holder's photo
    CHECK(other.photo.empty());
    CHECK_FALSE(
        describe_holder(b, &store, claims_of("D003", "photo of D001")).photo_matches.has_value());
    CHECK_FALSE(
        describe_holder(b, nullptr, claims_of("D001", "photo of D001")).photo_matches.has_value());
}

TEST_CASE("A photo altered in the store under its listed digest is not shown", "[kiosk][photo]") {
    // A stolen kiosk's disk: the photo file replaced, the digest listed beside it left alone.
    // The file itself is hashed against the badge's signed digest, so the stranger's face is not
    // shown as the holder's, and the other holder's photo still is.
    accred::test::TempDir dir;
    (void)store_of(dir, {{"D001", "photo of D001", {}}, {"D002", "photo of D002", {}}});
    {
        auto db = Database::open(dir.file("bundle.db"), Database::Mode::read_write_create);
        REQUIRE(db);
        auto update = db->prepare("UPDATE photos SET photo = ?1 WHERE holder = 'D001'");
        REQUIRE(update);
        const std::string stranger = "a stranger's face";
        update->bind_blob(1, std::span(reinterpret_cast<const std::uint8_t*>(stranger.data()),
                                       stranger.size()));
        REQUIRE(update->run());
    }
    const SigningKey key = accred::test::key_from_label("holder description");
    auto store = BundleStore::open(dir.file("bundle.db"), key.public_key());
    REQUIRE(store);
    const auto d1 = describe_holder(policy(), &store.value(), claims_of("D001", "photo of D001"));
    CHECK(d1.photo_matches == false);
    CHECK(d1.photo.empty());
    const auto d2 = describe_holder(policy(), &store.value(), claims_of("D002", "photo of D002"));
    CHECK(d2.photo_matches == true);
    CHECK(d2.photo == "photo of D002");
}

TEST_CASE("Two holders with the same photo file both match it", "[kiosk][photo]") {
    accred::test::TempDir dir;
    BundleStore store = store_of(dir, {{"D001", "same", {}}, {"D002", "same", {}}});
    CHECK(describe_holder(policy(), &store, claims_of("D001", "same")).photo_matches == true);
    CHECK(describe_holder(policy(), &store, claims_of("D002", "same")).photo_matches == true);
}

TEST_CASE("A holder is described from the bundle's codes", "[kiosk][photo]") {
    accred::test::TempDir dir;
    BundleStore store = store_of(dir, {{"D001", "photo of D001", {}}, {"D002", "photo of D002", {}}});
    const KioskBundle b = policy();
    Claims c = claims_of("D002", "photo of D002");
    c.org = Organisation{};
    c.org->code = 7;
    c.category = 250;
    HolderDescription d = describe_holder(b, &store, c);
    CHECK(d.delegation == "Delegation Seven");
    CHECK(d.category.empty()); // no such category in this bundle
    CHECK(d.photo_matches == true);

    c.org->code = 8; // unknown code: no name
    c.sub = "D009";
    d = describe_holder(b, &store, c);
    CHECK(d.delegation.empty());
    CHECK_FALSE(d.photo_matches.has_value());

    c.org->code.reset();
    c.org->name = "Spelled Out";
    CHECK(describe_holder(b, &store, c).delegation == "Spelled Out");
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
    std::vector<RosterPhoto> photos = f.photos();
    for (auto& p : photos)
        if (p.holder == "D002") p.bytes += "x";
    REQUIRE(engine.install_update(f.signed_bundle(altered, &photos), "altered"));
    CHECK(scan(10).photo_matches == false);

    KioskBundle without = altered;
    without.version = altered.version + 1;
    std::erase_if(photos, [](const RosterPhoto& p) { return p.holder == "D002"; });
    REQUIRE(engine.install_update(f.signed_bundle(without, &photos), "without"));
    CHECK_FALSE(scan(11).photo_matches.has_value());
}
