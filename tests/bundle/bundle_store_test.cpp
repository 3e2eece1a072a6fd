// The kiosk's bundle store (bundle/bundle_store.h) on real SQLite files: a whole bundle
// installed, then long random sequences of deltas, each checked against a model of the roster
// kept by the test (with its own digest, computed here from the format's definition), and
// deltas that must be refused leaving the store exactly as it was.
#include "bundle/bundle_reader.h"
#include "bundle/bundle_store.h"
#include "bundle/bundle_writer.h"
#include "store/sqlite_db.h"
#include "support/demo_event.h"
#include "support/test_support.h"

#include <catch2/catch.hpp>
#include <filesystem>
#include <map>
#include <random>
#include <sodium.h>

using namespace accred;
using accred::test::key_from_label;
using accred::test::TempDir;

namespace {

using Roster = std::map<std::string, std::string>; // holder -> photo

// The roster digest of docs/bundle-format.md, written here apart from bundle/roster_digest.cpp.
RosterSummary model_summary(const Roster& roster) {
    crypto_hash_sha256_state state;
    crypto_hash_sha256_init(&state);
    for (const auto& [holder, photo] : roster) {
        unsigned char sha[32];
        crypto_hash_sha256(sha, reinterpret_cast<const unsigned char*>(photo.data()), photo.size());
        const auto length = static_cast<unsigned char>(holder.size());
        crypto_hash_sha256_update(&state, &length, 1);
        crypto_hash_sha256_update(&state, reinterpret_cast<const unsigned char*>(holder.data()),
                                  holder.size());
        crypto_hash_sha256_update(&state, sha, sizeof sha);
    }
    RosterSummary s;
    s.people = roster.size();
    crypto_hash_sha256_final(&state, s.digest.data());
    return s;
}

KioskBundle policy(std::uint64_t version) {
    KioskBundle b;
    b.version = version;
    b.event = accred::test::demo_event();
    b.revocations.event_id = b.event.id;
    b.revocations.version = version;
    return b;
}

std::string random_photo(std::mt19937& rng) {
    std::string photo(1 + rng() % 3000, '\0');
    for (auto& c : photo)
        c = static_cast<char>(rng());
    return photo;
}

// Adds, changes and removes a few holders at random.
Roster mutate(Roster roster, std::mt19937& rng) {
    const int changes = 1 + static_cast<int>(rng() % 20);
    for (int i = 0; i < changes; ++i) {
        const std::string holder = "H" + std::to_string(rng() % 400);
        if (rng() % 3 == 0)
            roster.erase(holder);
        else
            roster[holder] = random_photo(rng);
    }
    return roster;
}

// The delta that takes a kiosk holding `from` to `to`.
std::vector<std::uint8_t> delta_file(const Roster& from, const Roster& to, std::uint64_t base,
                                     std::uint64_t version, const SigningKey& key,
                                     std::optional<RosterSummary> claimed = std::nullopt) {
    std::vector<RosterPhoto> changed;
    DeltaSpec spec{base, {}, claimed.value_or(model_summary(to))};
    for (const auto& [holder, photo] : to)
        if (auto it = from.find(holder); it == from.end() || it->second != photo)
            changed.push_back({holder, photo, {}});
    for (const auto& [holder, photo] : from)
        if (!to.contains(holder)) spec.removed.push_back(holder);
    return write_bundle_delta(policy(version), spec, changed, key);
}

Status apply(BundleStore& store, const std::vector<std::uint8_t>& file, const SigningKey& key) {
    ByteInput in(file);
    auto reader = BundleReader::open(in, key.public_key());
    if (!reader) return reader.error();
    return store.apply_delta(reader.value());
}

// Every holder of the model, and a few that are not, looked up in the store.
void check_store_holds(BundleStore& store, const Roster& roster) {
    for (const auto& [holder, photo] : roster) {
        auto held = store.photo(holder);
        REQUIRE(held);
        REQUIRE(held->has_value());
        CHECK(**held == photo);
    }
    for (int i = 0; i < 400; i += 7) {
        const std::string holder = "H" + std::to_string(i);
        if (!roster.contains(holder)) CHECK_FALSE(store.photo_sha256(holder).value().has_value());
    }
    CHECK(store.manifest().roster == model_summary(roster));
}

BundleStore create_store(const std::string& path, const Roster& roster, const SigningKey& key) {
    std::vector<RosterPhoto> photos;
    for (const auto& [h, p] : roster)
        photos.push_back({h, p, {}});
    const auto file = write_bundle(policy(1), photos, key);
    ByteInput in(file);
    auto reader = BundleReader::open(in, key.public_key());
    REQUIRE(reader);
    REQUIRE(BundleStore::create(path, reader.value()));
    auto store = BundleStore::open(path, key.public_key());
    REQUIRE(store);
    return std::move(store).value();
}

} // namespace

TEST_CASE("A long random sequence of deltas keeps the store equal to the desk's roster",
          "[bundle][store]") {
    const SigningKey key = key_from_label("store event");
    TempDir dir;
    std::mt19937 rng(1804);
    std::map<std::uint64_t, Roster> history{{1, {}}};
    for (int i = 0; i < 250; ++i)
        history[1]["H" + std::to_string(rng() % 400)] = random_photo(rng);
    BundleStore store = create_store(dir.file("bundle.db"), history[1], key);
    check_store_holds(store, history[1]);
    std::uint64_t held = 1;
    for (std::uint64_t version = 2; version <= 40; ++version) {
        history[version] = mutate(history[version - 1], rng);
        // Some versions never reach this kiosk (exported for others): the delta it gets is then
        // from an older base it also holds, or from a base before what it holds.
        if (rng() % 4 == 0) continue;
        const std::uint64_t base =
            held - (rng() % 2 == 0 ? 0 : std::min<std::uint64_t>(held - 1, rng() % 3));
        CAPTURE(version, held, base);
        REQUIRE(apply(store, delta_file(history[base], history[version], base, version, key), key));
        held = version;
        check_store_holds(store, history[held]);
    }
    auto reopened = BundleStore::open(dir.file("bundle.db"), key.public_key());
    REQUIRE(reopened);
    CHECK(reopened->manifest().bundle.version == held);
    check_store_holds(reopened.value(), history[held]);
}

TEST_CASE("A delta that does not fit the store is refused and changes nothing", "[bundle][store]") {
    const SigningKey key = key_from_label("store event");
    TempDir dir;
    std::mt19937 rng(77);
    Roster v1;
    for (int i = 0; i < 120; ++i)
        v1["H" + std::to_string(i)] = random_photo(rng);
    BundleStore store = create_store(dir.file("bundle.db"), v1, key);
    Roster v3 = mutate(mutate(v1, rng), rng);
    const auto check_unchanged = [&] {
        CHECK(store.manifest().bundle.version == 1);
        check_store_holds(store, v1);
        auto reopened = BundleStore::open(dir.file("bundle.db"), key.public_key());
        REQUIRE(reopened);
        CHECK(reopened->manifest().bundle.version == 1);
    };
    SECTION("its base is above what the store holds") {
        auto refused = apply(store, delta_file(v1, v3, 2, 3, key), key);
        REQUIRE_FALSE(refused);
        CHECK_THAT(refused.error().message, Catch::Contains("this store holds version 1"));
    }
    SECTION("it claims another roster than the one it leaves (a change missing)") {
        Roster wrong = v3;
        wrong.erase(wrong.begin());
        auto refused = apply(store, delta_file(v1, v3, 1, 3, key, model_summary(wrong)), key);
        REQUIRE_FALSE(refused);
        CHECK_THAT(refused.error().message, Catch::Contains("does not match"));
    }
    SECTION("it is made for another base's roster") {
        const Roster other = mutate(v1, rng); // what some other kiosk held as "version 1"
        auto refused = apply(store, delta_file(other, v3, 1, 3, key), key);
        if (refused)
            SUCCEED("the changes happened to cover the difference");
        else
            CHECK_THAT(refused.error().message, Catch::Contains("does not match"));
        if (refused) return;
    }
    SECTION("it is signed by another key") {
        const SigningKey other = key_from_label("another event");
        CHECK_FALSE(apply(store, delta_file(v1, v3, 1, 3, other), key));
    }
    SECTION("it is a whole bundle") {
        std::vector<RosterPhoto> photos;
        for (const auto& [h, p] : v3)
            photos.push_back({h, p, {}});
        const auto whole = write_bundle(policy(3), photos, key);
        ByteInput in(whole);
        auto reader = BundleReader::open(in, key.public_key());
        REQUIRE(reader);
        CHECK_FALSE(store.apply_delta(reader.value()));
    }
    check_unchanged();
}

TEST_CASE("A store altered on disk is refused when opened", "[bundle][store]") {
    const SigningKey key = key_from_label("store event");
    TempDir dir;
    Roster roster{{"A001", "one"}, {"B002", "two"}, {"C003", "three"}};
    const std::string path = dir.file("bundle.db");
    { BundleStore store = create_store(path, roster, key); }
    auto db = Database::open(path, Database::Mode::read_write_create);
    REQUIRE(db);
    SECTION("a holder's digest replaced") {
        REQUIRE(db->exec("UPDATE roster SET sha256 = zeroblob(32) WHERE holder = 'B002'"));
    }
    SECTION("a holder added behind the manifest's back") {
        REQUIRE(db->exec("INSERT INTO roster VALUES ('Z999', zeroblob(32))"));
    }
    SECTION("the manifest's signature damaged") {
        auto read = db->prepare("SELECT signed FROM manifest");
        REQUIRE(read);
        REQUIRE(read->step().value());
        std::string bytes = read->column_blob(0);
        read->reset();
        bytes.back() = static_cast<char>(bytes.back() ^ 0x01); // the signature's last byte
        auto put = db->prepare("UPDATE manifest SET signed = ?1");
        REQUIRE(put);
        REQUIRE(put->bind_blob(1, std::span(reinterpret_cast<const std::uint8_t*>(bytes.data()),
                                            bytes.size()))
                    .run());
    }
    db->close();
    CHECK_FALSE(BundleStore::open(path, key.public_key()));
}

TEST_CASE("A released store opens its file again on the next lookup, only if it is the same",
          "[bundle][store]") {
    const SigningKey key = key_from_label("store event");
    TempDir dir;
    const Roster roster{{"A001", "one"}, {"B002", "two"}};
    BundleStore store = create_store(dir.file("bundle.db"), roster, key);
    store.release();
    check_store_holds(store, roster); // opened again by its path
    store.release();
    // Meanwhile the file was replaced by another bundle's store: not used.
    std::filesystem::remove(dir.file("bundle.db"));
    { BundleStore other = create_store(dir.file("bundle.db"), {{"A001", "other"}}, key); }
    auto refused = store.photo("A001");
    CHECK_FALSE(refused);
    std::filesystem::remove(dir.file("bundle.db"));
    CHECK_FALSE(store.photo("A001")); // no file at all: an error, never "no photo"
}
