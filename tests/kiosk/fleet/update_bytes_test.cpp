// Updates handed down by the desk, installed by the engine from bytes with kiosk update's checks:
// a newer revocation update makes its badge refused at once and survives a restart; one signed
// by another key, of another event, or not newer is refused and nothing changes, in memory or
// on disk. Through the mailbox (FleetIntake) they are applied in the order the sync posted them.
#include "crypto/file_io.h"
#include "kiosk/app/fleet_intake.h"
#include "kiosk/fleet/fleet_fixture.h"

#include <catch2/catch.hpp>
#include <thread>
#include <filesystem>
#include <map>

using namespace accred;
using namespace accred::test;

namespace {

Reported scan(GateFixture& f, const std::string& gate, const std::string& id, std::int64_t when) {
    return f.kiosk(gate).handle_scan(GateFixture::through_camera(f.credential(id)), when);
}

// Every file of the state folder but the log, with its bytes.
std::map<std::string, std::string> state_files(const std::string& dir) {
    std::map<std::string, std::string> files;
    for (const auto& entry : std::filesystem::directory_iterator(dir)) {
        const std::string name = entry.path().filename().string();
        if (name.rfind("log.db", 0) == 0) continue;
        auto bytes = read_small_file(entry.path().string(), 64u << 20);
        REQUIRE(bytes);
        files[name] = bytes.value();
    }
    return files;
}

} // namespace

TEST_CASE("A revocation update from the desk's bytes makes its badge refused", "[fleet][kiosk]") {
    auto f = make_fleet_fixture();
    GateEngine& engine = f->kiosk("main_gate");
    REQUIRE(engine.state().revocations.version == 1);
    auto installed = engine.install_update(revocation_update(*f, 2, {"D003"}), "the desk's update");
    INFO((installed ? std::string() : installed.error().message));
    REQUIRE(installed);
    CHECK_THAT(installed.value(), Catch::Contains("revocation update version 2"));
    CHECK(engine.state().revocations.version == 2);
    CHECK(scan(*f, "main_gate", "D003", kDayOne).decision.reason == Reason::revoked);
    CHECK(scan(*f, "main_gate", "D002", kDayOne + 10).decision.reason == Reason::granted);
    // On disk too: a restart keeps it in force.
    GateEngine& restarted = f->restart("main_gate");
    CHECK(restarted.state().revocations.version == 2);
    CHECK(scan(*f, "main_gate", "D003", kDayOne + 20).decision.reason == Reason::revoked);
}

TEST_CASE("Updates from the desk signed by another key, foreign or not newer are refused and "
          "change nothing",
          "[fleet][kiosk]") {
    auto f = make_fleet_fixture();
    GateEngine& engine = f->kiosk("main_gate");
    REQUIRE(engine.install_update(revocation_update(*f, 3, {"D004"}), "setup"));
    const auto before = state_files(engine.state().dir);
    const SigningKey stranger = key_from_label("not the event key");

    SECTION("signed by another key") {
        auto refused = engine.install_update(revocation_update(*f, 4, {"D003"}, &stranger), "u");
        REQUIRE_FALSE(refused);
        CHECK_THAT(refused.error().message, Catch::Contains("refused"));
    }
    SECTION("another event's, signed with the event key") {
        auto refused =
            engine.install_update(revocation_update(*f, 4, {"D003"}, nullptr, "other-2014"), "u");
        REQUIRE_FALSE(refused);
        CHECK_THAT(refused.error().message, Catch::Contains("another event"));
    }
    SECTION("older, and the same version again") {
        for (std::uint64_t v : {2u, 3u}) {
            auto refused = engine.install_update(revocation_update(*f, v, {"D003"}), "u");
            REQUIRE_FALSE(refused);
            CHECK_THAT(refused.error().message, Catch::Contains("not newer"));
        }
    }
    SECTION("an older bundle, and bytes that are no signed file at all") {
        CHECK_FALSE(engine.install_update(bundle_version(*f, 1), "b"));
        const std::vector<std::uint8_t> junk(100, 0x42);
        CHECK_FALSE(engine.install_update(junk, "junk"));
        CHECK_FALSE(engine.install_update(std::vector<std::uint8_t>{}, "empty"));
    }
    CHECK(engine.state().revocations.version == 3);
    CHECK(state_files(engine.state().dir) == before);
    CHECK(scan(*f, "main_gate", "D003", kDayOne).decision.reason == Reason::granted);
    CHECK(scan(*f, "main_gate", "D004", kDayOne + 10).decision.reason == Reason::revoked);
}

TEST_CASE("The engine applies the mailbox's deliveries in the order they were posted",
          "[fleet][kiosk]") {
    auto f = make_fleet_fixture();
    GateEngine& engine = f->kiosk("main_gate");
    GateEngine& peer = f->kiosk("side_gate");
    SyncMailbox mailbox;
    std::vector<std::string> said;
    FleetIntake intake(mailbox, [&](const std::string& line) { said.push_back(line); });
    intake.publish(engine);
    REQUIRE(mailbox.snapshot());
    CHECK(mailbox.snapshot()->revocations_version == 1);

    // Posted in order: version 2 (revokes D003), then 3 (revokes D004 only), then a peer's row.
    const Reported at_peer = scan(*f, "side_gate", "D005", kDayOne);
    REQUIRE(at_peer.row);
    SyncDelivery first, second, third;
    first.revocations = revocation_update(*f, 2, {"D003"});
    second.revocations = revocation_update(*f, 3, {"D004"});
    third.presence = {*at_peer.row};
    mailbox.post(std::move(first));
    mailbox.post(SyncDelivery{}); // an empty one is not even queued
    mailbox.post(std::move(second));
    mailbox.post(std::move(third));
    CHECK(mailbox.pending() == 3);

    CHECK(intake.drain(engine));
    CHECK(mailbox.pending() == 0);
    CHECK(engine.state().revocations.version == 3);
    REQUIRE(said.size() == 2);
    CHECK(said[0] == "kiosk: installed revocation update version 2 from the desk (1 revoked)");
    CHECK(said[1] == "kiosk: installed revocation update version 3 from the desk (1 revoked)");
    CHECK(mailbox.snapshot()->revocations_version == 3); // published for the sync thread
    CHECK(scan(*f, "main_gate", "D003", kDayOne + 10).decision.reason == Reason::granted);
    CHECK(scan(*f, "main_gate", "D004", kDayOne + 20).decision.reason == Reason::revoked);
    CHECK(scan(*f, "main_gate", "D005", kDayOne + 30).decision.reason == Reason::already_inside);

    // The other order: the older one arrives second and is refused, said once however often.
    SyncDelivery stale;
    stale.revocations = revocation_update(*f, 2, {"D003"});
    mailbox.post(SyncDelivery(stale));
    mailbox.post(SyncDelivery(stale));
    CHECK_FALSE(intake.drain(engine));
    REQUIRE(said.size() == 3);
    CHECK_THAT(said[2], Catch::Contains("not newer"));
    CHECK(engine.state().revocations.version == 3);
    (void)peer;
}

TEST_CASE("A bundle from the desk is staged beside the decisions, then swapped in between two",
          "[fleet][kiosk]") {
    auto f = make_fleet_fixture();
    GateEngine& engine = f->kiosk("main_gate");
    SyncMailbox mailbox;
    std::vector<std::string> said;
    FleetIntake intake(mailbox, [&](const std::string& line) { said.push_back(line); });
    intake.publish(engine);
    REQUIRE(mailbox.snapshot());
    const InstallBasis basis = mailbox.snapshot()->basis;
    const auto bytes = bundle_version(*f, 5);
    // What the sync thread does (sync_client.cpp): verify and write the store, off the engine.
    std::optional<Outcome<StagedUpdate>> staged;
    std::thread sync([&] {
        ByteInput in(bytes, "the desk's bundle version 5");
        staged.emplace(stage_update(basis, in));
    });
    // The engine decides meanwhile, with the bundle in force, every decision logged.
    for (int i = 0; i < 20; ++i) {
        const Reported r = scan(*f, "main_gate", i % 2 ? "D002" : "D005", kDayOne + i);
        CHECK(r.row);
        CHECK(r.decision.reason != Reason::internal_error);
    }
    sync.join();
    REQUIRE(staged);
    REQUIRE(*staged);
    CHECK(engine.state().bundle.version == 1); // nothing in force before the swap
    SyncDelivery d;
    d.bundle = std::move(**staged);
    d.bundle_version = 5;
    mailbox.post(std::move(d));
    CHECK(intake.drain(engine));
    CHECK(engine.state().bundle.version == 5);
    CHECK(mailbox.snapshot()->bundle_version == 5);
    CHECK(mailbox.snapshot()->basis.store_path == engine.state().store->path());
    REQUIRE(said.size() == 1);
    CHECK(said[0] == "kiosk: installed bundle version 5 from the desk");
    CHECK(scan(*f, "main_gate", "D003", kDayOne + 40).photo_matches == true);
    auto loaded = load_kiosk(engine.state().dir);
    REQUIRE(loaded);
    CHECK(loaded->bundle.version == 5);

    // A bundle the sync thread refused is said once, and changes nothing.
    SyncDelivery refused;
    refused.bundle_refusal = "the desk's bundle version 4 is bundle version 4, not newer";
    mailbox.post(SyncDelivery(refused));
    mailbox.post(SyncDelivery(refused));
    CHECK_FALSE(intake.drain(engine));
    REQUIRE(said.size() == 2);
    CHECK_THAT(said[1], Catch::Contains("not newer"));
    CHECK(engine.state().bundle.version == 5);
}
