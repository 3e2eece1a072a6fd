// The desk's bundle export (issuer/bundle_export.h) on a real workspace: a whole bundle, then
// deltas that carry exactly what changed since their base, installed into a real kiosk store
// and compared with a whole bundle made afterwards; and the bases it must refuse.
#include "bundle/bundle_reader.h"
#include "bundle/bundle_store.h"
#include "desk_workspace.h"
#include "issuer/bundle_export.h"

#include <catch2/catch.hpp>
#include <set>

using namespace accred;
using namespace accred::test;

namespace {

constexpr std::uint64_t kMorning = 1396000000;

BundleContents read(Workspace& ws, const std::vector<std::uint8_t>& file) {
    auto contents = read_bundle(file, ws.desk.event_public_key());
    REQUIRE(contents);
    return std::move(contents).value();
}

std::vector<std::uint8_t> export_now(Workspace& ws, std::optional<std::uint64_t> since) {
    auto file = export_bundle_bytes(ws.desk, ws.key, {kMorning, since});
    REQUIRE(file);
    return std::move(file).value();
}

Status install(BundleStore& store, const std::vector<std::uint8_t>& file, const PublicKey& key) {
    ByteInput in(file);
    auto reader = BundleReader::open(in, key);
    if (!reader) return reader.error();
    return store.apply_delta(reader.value());
}

} // namespace

TEST_CASE("A delta carries exactly the photos changed since its base, and leaves the kiosk's "
          "store as a whole bundle would",
          "[desk][bundle]") {
    auto ws = make_workspace();
    auto roster = demo_roster();
    REQUIRE(ws.desk.import_people(roster, kMorning));
    const auto whole = export_now(ws, std::nullopt);
    const BundleContents v1 = read(ws, whole);
    REQUIRE(v1.roster.size() == roster.size());

    // The kiosk installs version 1 into its store.
    const std::string path = ws.tmp->file("kiosk-bundle.db");
    {
        ByteInput in(whole);
        auto reader = BundleReader::open(in, ws.desk.event_public_key());
        REQUIRE(reader);
        REQUIRE(BundleStore::create(path, reader.value()));
    }
    auto store = BundleStore::open(path, ws.desk.event_public_key());
    REQUIRE(store);

    // Three photos change and two people are added; the rest stay as they were.
    std::set<std::string> changed;
    for (std::size_t i : {3u, 17u, 40u}) {
        roster[i].photo += "changed";
        changed.insert(roster[i].id);
    }
    for (const char* id : {"W900", "W901"}) {
        Person walk_in = roster[5];
        walk_in.id = id;
        walk_in.name = std::string("Walk-in ") + id;
        walk_in.photo = roster[6].photo + id;
        roster.push_back(walk_in);
        changed.insert(id);
    }
    REQUIRE(ws.desk.import_people(roster, kMorning + 60));

    const auto delta_file = export_now(ws, v1.manifest.bundle.version);
    const BundleContents delta = read(ws, delta_file);
    REQUIRE(delta.manifest.is_delta());
    CHECK(*delta.manifest.base == v1.manifest.bundle.version);
    std::set<std::string> carried;
    for (const auto& e : delta.roster)
        carried.insert(e.holder);
    CHECK(carried == changed);
    CHECK(delta.manifest.removed.empty());
    CHECK(delta_file.size() < whole.size() / 4);

    REQUIRE(install(store.value(), delta_file, ws.desk.event_public_key()));
    const BundleContents now = read(ws, export_now(ws, std::nullopt));
    CHECK(store->manifest().roster == now.manifest.roster);
    CHECK(store->manifest().roster.people == roster.size());
    for (const auto& p : roster) {
        auto held = store->photo(p.id);
        REQUIRE(held);
        REQUIRE(held->has_value());
        CHECK(**held == p.photo);
    }
    // Nothing changed since: a delta carries no photo, and still installs (the policy is newer).
    const BundleContents empty = read(ws, export_now(ws, now.manifest.bundle.version));
    CHECK(empty.roster.empty());
}

TEST_CASE("A delta from a base the desk cannot vouch for is refused, and takes no version",
          "[desk][bundle]") {
    auto ws = make_workspace();
    REQUIRE(ws.desk.import_people(demo_roster(), kMorning));
    const auto version_now = [&] {
        return sql_value(ws.desk, "SELECT value FROM meta WHERE key = 'export_version'");
    };
    auto before_any = export_bundle_bytes(ws.desk, ws.key, {kMorning, 0});
    REQUIRE_FALSE(before_any);
    CHECK_THAT(before_any.error().message, Catch::Contains("export a whole bundle first"));
    CHECK(version_now() == "0");

    REQUIRE(ws.desk.next_revocation_list(kMorning)); // version 1: a revocation update
    const auto whole = export_now(ws, std::nullopt); // version 2: tracking starts here
    CHECK(version_now() == "2");
    auto too_old = export_bundle_bytes(ws.desk, ws.key, {kMorning, 1});
    REQUIRE_FALSE(too_old);
    CHECK_THAT(too_old.error().message, Catch::Contains("needs a whole bundle"));
    auto not_below = export_bundle_bytes(ws.desk, ws.key, {kMorning, 3});
    REQUIRE_FALSE(not_below);
    CHECK_THAT(not_below.error().message, Catch::Contains("not below"));
    CHECK(version_now() == "2");
    CHECK(export_bundle_bytes(ws.desk, ws.key, {kMorning, 2}));
    CHECK(version_now() == "3");

    // The file cannot be written (a full stick): nothing is kept, not even the roster tracking.
    const std::string tracked = sql_value(ws.desk, "SELECT count(*) FROM bundle_roster");
    auto failed = export_bundle(ws.desk, ws.key, {kMorning, std::nullopt},
                                [](std::span<const std::uint8_t>) -> Status {
                                    return Error{"no space left on the stick"};
                                });
    REQUIRE_FALSE(failed);
    CHECK_THAT(failed.error().message, Catch::Contains("no space left"));
    CHECK(version_now() == "3");
    CHECK(sql_value(ws.desk, "SELECT count(*) FROM bundle_roster") == tracked);
}
