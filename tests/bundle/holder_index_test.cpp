// The bundle store's holder index for manual lookup (bundle/holder_index.h): claims carried in
// roster chunks (and bundles without them still read), kept through deltas, and searched by id
// and name at 100,000 holders on a real SQLite file.
#include "bundle/bundle_reader.h"
#include "bundle/bundle_store.h"
#include "bundle/bundle_writer.h"
#include "crypto/claims_cbor.h"
#include "support/demo_event.h"
#include "support/test_support.h"

#include <catch2/catch.hpp>
#include <chrono>
#include <cstdio>

using namespace accred;
using accred::test::key_from_label;
using accred::test::TempDir;

namespace {

KioskBundle policy(std::uint64_t version) {
    KioskBundle b;
    b.version = version;
    b.event = accred::test::demo_event();
    b.revocations.event_id = b.event.id;
    b.revocations.version = version;
    return b;
}

std::string claims_for(const std::string& holder, const std::string& name) {
    Claims c;
    c.iss = accred::test::demo_event().id;
    c.sub = holder;
    c.iat = c.nbf = 1396000000;
    c.exp = 1396400000;
    c.name = name;
    c.category = 2;
    c.rank = 10;
    auto bytes = claims_encode(c);
    REQUIRE(bytes);
    return {bytes->begin(), bytes->end()};
}

// A name from syllables, some accented, so that folding matters: "Élo Vačić-Durand 123".
std::string name_of(std::size_t i) {
    static const char* first[] = {"Élodie", "Jan",   "Zoë",   "Łukasz", "Amra",  "Søren",
                                  "Ines",   "Ngozi", "Björn", "Maïa",   "Tomás", "Yuki"};
    static const char* last[] = {"Vačić", "Durand",    "Müller", "Okafor", "Dubois", "Nørgaard",
                                 "Rossi", "Kowalczyk", "Ahmed",  "García", "Smith",  "Tanaka"};
    return std::string(first[i % 12]) + " " + last[(i / 12) % 12] + "-" + last[(i / 144) % 12] +
           " " + std::to_string(i);
}

std::string holder_of(std::size_t i) {
    char id[16];
    std::snprintf(id, sizeof id, "H%06zu", i);
    return id;
}

Outcome<BundleStore> install(const TempDir& dir, const std::vector<std::uint8_t>& file,
                             const SigningKey& key) {
    ByteInput in(file);
    auto reader = BundleReader::open(in, key.public_key());
    REQUIRE(reader);
    REQUIRE(BundleStore::create(dir.file("bundle.db"), reader.value()));
    return BundleStore::open(dir.file("bundle.db"), key.public_key());
}

} // namespace

TEST_CASE("Roster chunks carry claims, and read the entries of bundles without them",
          "[bundle][manual]") {
    const RosterPhoto with{"A001", "photo a", claims_for("A001", "Ana")};
    const RosterPhoto without{"B001", "photo b", ""};
    std::vector<RosterPhoto> back;
    REQUIRE(decode_roster_chunk(encode_roster_chunk({with, without}),
                                [&](const std::string& h, std::string_view p, std::string_view c) {
                                    back.push_back({h, std::string(p), std::string(c)});
                                    return success();
                                }));
    CHECK(back == std::vector<RosterPhoto>{with, without});
    // An entry without claims is encoded as before them: [holder, photo].
    CHECK(encode_roster_chunk({without}).size() == 1 + 1 + 1 + 4 + 1 + 7);
    // Claims for someone else, or not a claims set, are refused.
    CHECK_FALSE(roster_entry_problem("A001", "p", claims_for("B001", "Bo")).empty());
    CHECK_FALSE(roster_entry_problem("A001", "p", "\xA0").empty());
}

TEST_CASE("A delta updates the holder index: new claims, removed claims, removed holders",
          "[bundle][manual]") {
    TempDir dir;
    const SigningKey key = key_from_label("holder index");
    std::vector<RosterPhoto> roster{{"A001", "pa", claims_for("A001", "Ana Lopes")},
                                    {"B001", "pb", claims_for("B001", "Bo Jansen")},
                                    {"C001", "pc", claims_for("C001", "Chloé Martin")}};
    auto store = install(dir, write_bundle(policy(1), roster, key), key);
    REQUIRE(store);
    REQUIRE(store->manual_lookup_available().value());
    CHECK(store->search("chloe", 5).value() == std::vector<HolderMatch>{{"C001", "Chloé Martin"}});
    // Version 2: Bo reissued under another name, Ana withdrawn (no claims), Chloé gone.
    std::vector<RosterPhoto> changed{{"A001", "pa", ""},
                                     {"B001", "pb", claims_for("B001", "Bo Peters")}};
    std::vector<RosterPhoto> after{changed[0], changed[1]};
    const DeltaSpec delta{1, {"C001"}, summarise_roster(after)};
    const auto file = write_bundle_delta(policy(2), delta, changed, key);
    ByteInput in(file);
    auto reader = BundleReader::open(in, key.public_key());
    REQUIRE(reader);
    REQUIRE(store->apply_delta(reader.value()));
    CHECK(store->search("chloe", 5).value().empty());
    CHECK(store->search("ana", 5).value().empty());
    CHECK(store->search("jansen", 5).value().empty());
    CHECK(store->search("peters", 5).value() == std::vector<HolderMatch>{{"B001", "Bo Peters"}});
    CHECK_FALSE(store->claims("A001").value());
    REQUIRE(store->claims("B001").value());
    CHECK(store->claims("B001").value()->name == "Bo Peters");
}

TEST_CASE("Manual lookup searches 100,000 holders by id and name in milliseconds",
          "[bundle][manual][bench]") {
    TempDir dir;
    const SigningKey key = key_from_label("holder index 100k");
    constexpr std::size_t kPeople = 100'000;
    std::vector<RosterPhoto> roster;
    roster.reserve(kPeople);
    for (std::size_t i = 0; i < kPeople; ++i)
        roster.push_back(
            {holder_of(i), "p" + std::to_string(i), claims_for(holder_of(i), name_of(i))});
    auto store = install(dir, write_bundle(policy(1), roster, key), key);
    REQUIRE(store);
    const auto started = std::chrono::steady_clock::now();
    int searches = 0;
    auto timed = [&](const std::string& query) {
        ++searches;
        auto found = store->search(query, 20);
        REQUIRE(found);
        return found.value();
    };
    CHECK(timed("H054321").front().holder == "H054321");
    CHECK(timed("h05432").size() == 10);
    const auto exact = timed("elodie vacic 84");
    REQUIRE_FALSE(exact.empty());
    for (const auto& m : exact) {
        CHECK(m.name.starts_with("Élodie "));
        CHECK(m.name.find("Vačić") != std::string::npos);
    }
    CHECK(timed("nørgaard smi").size() == 20);
    CHECK(timed("lukasz").size() == 20); // a common first name: many, the first 20 by name
    CHECK(timed("zzz").empty());
    const double ms =
        std::chrono::duration<double, std::milli>(std::chrono::steady_clock::now() - started)
            .count() /
        searches;
    WARN("manual lookup at 100,000 holders: " << ms << " ms per search (mean of " << searches
                                              << ")");
    CHECK(ms < 250); // answers each keystroke; measured figures in docs/kiosk.md
}
