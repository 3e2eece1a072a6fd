// kiosk update (update_kiosk): only a newer bundle or revocation update of this event, signed by
// the pinned event key, replaces what is in force; anything else is refused and changes nothing,
// on disk or in memory.
#include "bundle/bundle_reader.h"
#include "bundle/bundle_writer.h"
#include "bundle/revocation_update.h"
#include "crypto/file_io.h"
#include "kiosk/app/kiosk_state.h"
#include "kiosk/gate_fixture.h"

#include <catch2/catch.hpp>
#include <filesystem>

using namespace accred;
using accred::test::brussels;
using accred::test::GateFixture;

namespace {

std::string write_file(GateFixture& f, const std::string& name,
                       const std::vector<std::uint8_t>& bytes) {
    const std::string path = f.dir() + "/" + name;
    REQUIRE(write_new_file(path, bytes, 0644));
    return path;
}

// What is in force, in memory and as the kiosk would load it again after a restart.
struct InForce {
    std::uint64_t bundle = 0;
    std::uint64_t revocations = 0;
    std::size_t revoked = 0;
    bool operator==(const InForce&) const = default;
};

InForce in_force(const KioskState& state) {
    return {state.bundle.version, state.revocations.version, state.revocations.revoked.size()};
}

InForce on_disk(const KioskState& state) {
    auto loaded = load_kiosk(state.dir);
    REQUIRE(loaded);
    return in_force(loaded.value());
}

} // namespace

TEST_CASE("Updates of another event, older ones and cut-short ones are refused; the current "
          "stay in force",
          "[kiosk][update]") {
    GateFixture f(brussels(31, 3, 6));
    KioskState& state = f.kiosk("main_gate").state();
    const SigningKey& key = f.event_key();
    const InForce start = in_force(state);
    REQUIRE(start == on_disk(state));

    KioskBundle next = f.bundle();
    next.version = f.bundle().version + 2;
    next.revocations.version = next.version;
    RevocationList revoke_one = f.bundle().revocations;
    revoke_one.version = f.bundle().version + 1;
    revoke_one.revoked = {CredentialId{1, 2, 3, 4, 5, 6, 7, 8}};

    SECTION("a bundle of another event, signed with the same key") {
        KioskBundle other = next;
        other.event.id = "another-event-2014";
        other.revocations.event_id = other.event.id;
        auto refused = update_kiosk(state, write_file(f, "other.bundle", f.signed_bundle(other, nullptr, &key)));
        REQUIRE_FALSE(refused);
        CHECK_THAT(refused.error().message, Catch::Contains("another event"));
    }
    SECTION("a revocation update of another event, signed with the same key") {
        RevocationList other = revoke_one;
        other.event_id = "another-event-2014";
        auto refused =
            update_kiosk(state, write_file(f, "other.update", write_revocation_update(other, key)));
        REQUIRE_FALSE(refused);
        CHECK_THAT(refused.error().message, Catch::Contains("another event"));
    }
    SECTION("the bundle in force offered again, and a revocation update no newer") {
        auto same =
            update_kiosk(state, write_file(f, "same.bundle", f.signed_bundle(f.bundle(), nullptr, &key)));
        REQUIRE_FALSE(same);
        CHECK_THAT(same.error().message, Catch::Contains("not newer"));
        RevocationList old = revoke_one;
        old.version = start.revocations;
        auto stale =
            update_kiosk(state, write_file(f, "old.update", write_revocation_update(old, key)));
        REQUIRE_FALSE(stale);
        CHECK_THAT(stale.error().message, Catch::Contains("not newer"));
    }
    SECTION("a bundle and an update cut short, at every tenth length") {
        const auto bundle = f.signed_bundle(next, nullptr, &key);
        const auto update = write_revocation_update(revoke_one, key);
        for (const auto* whole : {&bundle, &update})
            for (std::size_t n = 0; n < whole->size();
                 n += std::max<std::size_t>(1, whole->size() / 10)) {
                const std::vector<std::uint8_t> cut(whole->begin(), whole->begin() + n);
                const std::string path = write_file(
                    f, "cut-" + std::to_string(whole->size()) + "-" + std::to_string(n), cut);
                CHECK_FALSE(update_kiosk(state, path));
            }
    }
    // Whatever was refused, nothing changed in memory or on disk.
    CHECK(in_force(state) == start);
    CHECK(on_disk(state) == start);
}

TEST_CASE("A newer update installs and survives a restart; the older one is then refused",
          "[kiosk][update]") {
    GateFixture f(brussels(31, 3, 6));
    KioskState& state = f.kiosk("main_gate").state();
    RevocationList revoke_one = f.bundle().revocations;
    revoke_one.version = f.bundle().version + 1;
    revoke_one.revoked = {CredentialId{1, 2, 3, 4, 5, 6, 7, 8}};
    const std::string update =
        write_file(f, "r.update", write_revocation_update(revoke_one, f.event_key()));
    REQUIRE(update_kiosk(state, update));
    CHECK(in_force(state).revoked == 1);
    CHECK(on_disk(state) == in_force(state));
    // The same update again, or the bundle the kiosk was enrolled with (an older export): refused.
    CHECK_FALSE(update_kiosk(state, update));
    CHECK_FALSE(
        update_kiosk(state, write_file(f, "v1.bundle", f.signed_bundle(f.bundle()))));
    CHECK(on_disk(state).revoked == 1);
}

TEST_CASE("A kiosk refuses to start on an older bundle or revocation list put back on disk",
          "[kiosk][update]") {
    namespace fs = std::filesystem;
    GateFixture f(brussels(31, 3, 6));
    KioskState& state = f.kiosk("main_gate").state();
    const std::string dir = state.dir;
    fs::copy_file(dir + "/bundle-1.db", f.dir() + "/enrolled.db");
    RevocationList revoke_one = f.bundle().revocations;
    revoke_one.version = f.bundle().version + 1;
    revoke_one.revoked = {CredentialId{1, 2, 3, 4, 5, 6, 7, 8}};
    REQUIRE(update_kiosk(
        state, write_file(f, "r.update", write_revocation_update(revoke_one, f.event_key()))));
    KioskBundle next = f.bundle();
    next.version = revoke_one.version + 1;
    REQUIRE(update_kiosk(state, write_file(f, "v3.bundle", f.signed_bundle(next))));
    REQUIRE(load_kiosk(dir));

    SECTION("the revocation update deleted") {
        fs::remove(dir + "/revocations");
        auto refused = load_kiosk(dir);
        REQUIRE_FALSE(refused);
        CHECK_THAT(refused.error().message, Catch::Contains("revocation list on disk is version"));
    }
    SECTION("the enrolment bundle's store copied back over the newer one") {
        CHECK_FALSE(fs::exists(dir + "/bundle-1.db")); // removed once version 3 was in force
        f.kiosk("main_gate"); // (the engine keeps its own connection open)
        fs::copy_file(f.dir() + "/enrolled.db", dir + "/bundle-3.db",
                      fs::copy_options::overwrite_existing);
        auto refused = load_kiosk(dir);
        REQUIRE_FALSE(refused);
        CHECK_THAT(refused.error().message, Catch::Contains("bundle on disk is version"));
    }
}
