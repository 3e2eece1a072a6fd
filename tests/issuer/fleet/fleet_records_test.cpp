// What the desk keeps about its fleet and hands down besides rows: revocation updates published
// as desk.db changes, the newest exported bundle, and the live view (issuer fleet).
#include "crypto/file_io.h"
#include "desk_fleet_fixture.h"
#include "issuer/fleet/bundle_shelf.h"
#include "issuer/fleet/fleet_registry.h"
#include "issuer/fleet/fleet_status.h"
#include "issuer/fleet/revocation_publisher.h"
#include "revocation_file.h"
#include "support/test_support.h"

#include <catch2/catch.hpp>
#include <filesystem>

using namespace accred;
using accred::test::day_two;
using accred::test::DeskFleetFixture;

namespace {

// A badge for person D002 recorded at the desk, as `issuer issue` would store it.
CredentialId store_badge(Desk& desk) {
    Person p;
    p.id = "D002";
    p.name = "Adaeze Okonkwo-Bell";
    p.delegation = "United Nations";
    p.category = "delegate";
    p.days = {{2014, 3, 31}, {2014, 4, 1}};
    p.photo = "not a real photo";
    REQUIRE(desk.import_people({p}, 1));
    StoredCredential c;
    c.cti = {1, 2, 3, 4, 5, 6, 7, 8};
    c.holder = "D002";
    c.issue = 1;
    c.text = "AC1:NOT-CHECKED-HERE";
    c.issued_at = 1;
    REQUIRE(desk.store_credential(c));
    return c.cti;
}

} // namespace

TEST_CASE("Revocation publisher: a new update after a revoke, not again without change",
          "[fleet][desk]") {
    DeskFleetFixture f;
    const SigningKey key = f.desk.unlock_event_key("desk passphrase").value();
    const CredentialId cti = store_badge(f.desk);
    auto publisher = RevocationPublisher::open(f.desk);
    REQUIRE(publisher);
    const std::uint64_t now = static_cast<std::uint64_t>(day_two(8));

    auto first = publisher->poll(key, now); // none published yet
    REQUIRE(first);
    REQUIRE(first.value());
    CHECK(first.value()->revoked == 0);
    CHECK_FALSE(publisher->poll(key, now + 1).value());
    CHECK_FALSE(publisher->poll(key, now + 2).value());

    REQUIRE(f.desk.revoke(cti, "lost badge", now + 3));
    auto second = publisher->poll(key, now + 4);
    REQUIRE(second);
    REQUIRE(second.value());
    CHECK(second.value()->version > first.value()->version);
    auto list = accred::test::read_update_file(second.value()->file, f.desk.event_public_key());
    REQUIRE(list);
    CHECK(list->revoked == std::vector<CredentialId>{cti});
    CHECK(list->issued_at == now + 4);
    CHECK_FALSE(publisher->poll(key, now + 5).value());

    // A restarted service picks up what was published, and publishes nothing new.
    auto restarted = RevocationPublisher::open(f.desk);
    REQUIRE(restarted);
    REQUIRE(restarted->current());
    CHECK(restarted->current()->version == second.value()->version);
    CHECK_FALSE(restarted->poll(key, now + 6).value());
    // Before the kiosks' copy would go stale (half the event's maximum age), a fresh one.
    const std::uint64_t half_age = f.desk.event().revocation_max_age_minutes * 60 / 2;
    CHECK(restarted->poll(key, now + 4 + half_age).value());

    SECTION("the sync hands down only an update newer than the kiosk's") {
        DeskOffer offer;
        offer.revocations = restarted->current();
        auto request = DeskFleetFixture::request({});
        request.revocations_version = offer.revocations->version - 1;
        const auto behind = f.sync("main_gate", request, offer);
        REQUIRE(behind.reply.revocations);
        CHECK(*behind.reply.revocations == offer.revocations->file);
        request.revocations_version = offer.revocations->version;
        CHECK_FALSE(f.sync("main_gate", request, offer).reply.revocations);
    }
}

TEST_CASE("Bundle shelf: the newest version, and for each kiosk the file that takes it furthest",
          "[fleet][desk]") {
    accred::test::TempDir tmp;
    BundleShelf empty(tmp.path().string());
    CHECK(empty.newest_version() == 0);
    CHECK_FALSE(empty.best_for(0));
    std::filesystem::create_directory(tmp.file("exports"));
    const auto put = [&](const std::string& name, const std::string& bytes) {
        REQUIRE(write_new_file(tmp.file("exports/" + name), as_bytes(bytes), 0644));
    };
    put("bundle-3.acb", "three, whole");
    put("bundle-12.acb", "twelve, whole and large");
    put("bundle-12-on-9.acb", "delta");
    put("bundle-10-on-3.acb", "delta 3-10");
    put("bundle-99.acb.part", "no");
    put("bundle-x.acb", "no");
    put("bundle-14-on-14.acb", "no: a base not below");
    BundleShelf shelf(tmp.path().string());
    CHECK(shelf.newest_version() == 12);
    const auto name_for = [&](std::uint64_t held) {
        auto best = shelf.best_for(held);
        return best ? std::filesystem::path(best->path).filename().string() : std::string("-");
    };
    CHECK(name_for(0) == "bundle-12.acb");       // a new kiosk: no delta fits
    CHECK(name_for(9) == "bundle-12-on-9.acb");  // the delta, smaller than the whole
    CHECK(name_for(11) == "bundle-12-on-9.acb"); // base 9 <= 11 < 12
    CHECK(name_for(3) == "bundle-12.acb");       // the delta 3->10 goes less far
    CHECK(name_for(12) == "-");                  // up to date
    CHECK(shelved_bundle_of("bundle-7-on-8.acb") == std::nullopt);
    CHECK(shelved_bundle_of("bundle-0.acb") == std::nullopt);
}

TEST_CASE("Fleet status: state, rows, versions, clock and forks", "[fleet][desk]") {
    DeskFleetFixture f;
    f.scan("main_gate", "D002", day_two(9));
    f.kiosk("press_door");
    f.kiosk("plenary_door");
    REQUIRE(withdraw_kiosk(f.desk.db(), f.kiosk_id("plenary_door"), 5));
    auto request = DeskFleetFixture::request(f.rows("main_gate"));
    request.bundle_version = 4;
    request.revocations_version = 5;
    const std::int64_t first_sync = DeskFleetFixture::kClockStart + 1;
    request.revocations_issued_at = static_cast<std::uint64_t>(first_sync - 101);
    request.kiosk_time = first_sync + 7;
    request.simulated_time = true;
    REQUIRE(f.sync("main_gate", request).status == 200);
    REQUIRE(
        record_certificate(f.desk.db(), "4f01", f.kiosk_id("main_gate"), "main_gate", 0,
                           first_sync + 999, 1));

    auto now = fleet_status(f.desk.db(), first_sync + 3);
    REQUIRE(now);
    REQUIRE(now->size() == 3);
    const auto& main = now->at(0); // by gate: main_gate, plenary_door, press_door
    CHECK(main.gate == "main_gate");
    CHECK(main.state == "online");
    CHECK(main.rows_at_desk == 1);
    CHECK(main.log_seq == 1);
    CHECK(main.bundle_version == 4);
    CHECK(main.revocations_version == 5);
    CHECK(main.revocations_age == 3 + 101);
    CHECK(main.clock_offset == 7);
    CHECK(main.simulated_time);
    CHECK(main.certificate_expires == first_sync + 999);
    CHECK(main.forks == 0);
    CHECK(now->at(1).state == "withdrawn");
    CHECK(now->at(2).state == "never seen");
    CHECK(fleet_status(f.desk.db(), first_sync + 60)->at(0).state == "offline");
}
