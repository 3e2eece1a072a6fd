// Bundle files of format 2 (docs/bundle-format.md): a signed manifest, then roster chunks whose
// digests it lists. Round trips, every kind of damage, and what is not a bundle of this format.
#include "bundle/bundle_reader.h"
#include "bundle/bundle_writer.h"
#include "bundle/revocation_update.h"
#include "bundle/signed_payload.h"
#include "crypto/cbor_map.h"
#include "event/kiosk_event.h"
#include "support/demo_event.h"
#include "support/test_support.h"

#include <catch2/catch.hpp>
#include <random>

using namespace accred;
using accred::test::key_from_label;

namespace {

KioskBundle sample_policy(const SigningKey& key) {
    KioskBundle b;
    b.version = 7;
    b.issued_at = 1396250000;
    b.event = event_for_kiosks(accred::test::demo_event());
    b.credential_keys = {key.public_key()};
    b.revocations.event_id = b.event.id;
    b.revocations.version = 7;
    b.revocations.issued_at = 1396250000;
    b.revocations.max_age_minutes = 720;
    b.revocations.revoked = {{1, 2, 3, 4, 5, 6, 7, 8}, {9, 9, 9, 9, 9, 9, 9, 9}};
    b.revocations.current_issue = {{"M001", 2}};
    b.delegations = {{0, "United Nations"}, {1, "Council of Europe"}, {65535, "Last code"}};
    return b;
}

const std::vector<RosterPhoto> kPhotos{{"P001", "photo two", {}},
                                       {"M001", std::string("\x89PNG fake", 9), {}}};

// n holders with photos of random sizes up to max_size (and, when large, one in fifty far above
// a chunk's target), made from seed.
std::vector<RosterPhoto> random_roster(std::size_t n, unsigned seed, std::size_t max_size = 9000,
                                       bool large = true) {
    std::mt19937 rng(seed);
    std::vector<RosterPhoto> roster;
    for (std::size_t i = 0; i < n; ++i) {
        const std::size_t size = (large && rng() % 50 == 0) ? 1'500'000 : 1 + rng() % max_size;
        std::string photo(size, '\0');
        for (auto& c : photo)
            c = static_cast<char>(rng());
        roster.push_back({"H" + std::to_string(100000 + i), std::move(photo), {}});
    }
    return roster;
}

} // namespace

TEST_CASE("A bundle round-trips through its signed file", "[bundle]") {
    const SigningKey key = key_from_label("event");
    const KioskBundle b = sample_policy(key);
    auto back = read_bundle(write_bundle(b, kPhotos, key), key.public_key());
    REQUIRE(back);
    CHECK(back->manifest.bundle == b);
    CHECK_FALSE(back->manifest.is_delta());
    CHECK(back->roster == std::vector<RosterPhoto>{kPhotos[1], kPhotos[0]}); // holder order
    CHECK(back->manifest.roster == summarise_roster(kPhotos));
    CHECK(back->manifest.bundle.event.find_gate("building_door")->exit_mode);
    CHECK(back->manifest.bundle.revocations.is_revoked({9, 9, 9, 9, 9, 9, 9, 9}));
    CHECK(back->manifest.bundle.revocations.is_superseded("M001", 1));
    CHECK(back->manifest.bundle.delegations.at(65535) == "Last code");
}

TEST_CASE("A large roster is cut into chunks, each read back in order", "[bundle]") {
    const SigningKey key = key_from_label("event");
    const auto roster = random_roster(900, 18);
    const auto file = write_bundle(sample_policy(key), roster, key);
    auto back = read_bundle(file, key.public_key());
    REQUIRE(back);
    CHECK(back->roster == roster);
    CHECK(back->manifest.chunks.size() > 4); // several MB in chunks of about 1 MiB
    CHECK(back->manifest.roster.people == 900);
}

TEST_CASE("The daily presence reset travels in the bundle only when it is not the default",
          "[bundle]") {
    const SigningKey key = key_from_label("event");
    KioskBundle b = sample_policy(key);
    REQUIRE(b.event.presence_reset == kDefaultPresenceReset);
    const auto plain = write_bundle(b, kPhotos, key);
    b.event.presence_reset = 5 * 60 + 30; // 05:30
    const auto late = write_bundle(b, kPhotos, key);
    CHECK(late.size() > plain.size()); // the field is there only now
    CHECK(read_bundle(late, key.public_key())->manifest.bundle.event.presence_reset == 330);
    CHECK(read_bundle(plain, key.public_key())->manifest.bundle.event.presence_reset ==
          kDefaultPresenceReset);
}

TEST_CASE("Names in French and Dutch travel in the bundle only where the event gives them",
          "[bundle]") {
    const SigningKey key = key_from_label("event");
    KioskBundle b = sample_policy(key);
    REQUIRE_FALSE(b.event.zones[0].name_fr.empty()); // the demo names them
    const auto named = write_bundle(b, kPhotos, key);
    const auto read = read_bundle(named, key.public_key());
    REQUIRE(read);
    CHECK(read->manifest.bundle.event == b.event);
    // An event without them (as every bundle made before they existed): read back without them.
    for (auto& z : b.event.zones)
        z.name_fr = z.name_nl = "";
    for (auto& c : b.event.categories)
        c.name_fr = c.name_nl = "";
    for (auto& g : b.event.gates)
        g.name_fr = g.name_nl = "";
    const auto plain = write_bundle(b, kPhotos, key);
    CHECK(plain.size() < named.size());
    const auto old = read_bundle(plain, key.public_key());
    REQUIRE(old);
    CHECK(old->manifest.bundle.event == b.event);
    CHECK(old->manifest.bundle.event.zones[0].name_fr.empty());
}

TEST_CASE("A bundle changed in any one byte, cut short or extended is refused", "[bundle]") {
    const SigningKey key = key_from_label("event");
    const auto file = write_bundle(sample_policy(key), random_roster(40, 7, 1500, false), key);
    // Every byte of the manifest and the framing, and a stride through the chunks' photos.
    for (std::size_t i = 0; i < file.size(); i += (i < 4000 || i > file.size() - 80) ? 1 : 37) {
        auto altered = file;
        altered[i] = static_cast<std::uint8_t>(altered[i] ^ 0x01);
        CAPTURE(i);
        CHECK_FALSE(read_bundle(altered, key.public_key()));
    }
    for (std::size_t n = 0; n < file.size(); n += 1 + n / 3) {
        CAPTURE(n);
        CHECK_FALSE(read_bundle(std::span(file.data(), n), key.public_key()));
    }
    auto longer = file;
    longer.push_back(0x40); // an empty byte string: a chunk the manifest does not list
    auto refused = read_bundle(longer, key.public_key());
    REQUIRE_FALSE(refused);
    CHECK_THAT(refused.error().message, Catch::Contains("after its last roster chunk"));
}

TEST_CASE("Chunks of one bundle cannot be swapped for another's", "[bundle]") {
    const SigningKey key = key_from_label("event");
    const KioskBundle b = sample_policy(key);
    auto photos = kPhotos;
    const auto first = write_bundle(b, photos, key);
    photos[0].bytes = "photo TWO";
    const auto second = write_bundle(b, photos, key);
    REQUIRE(first.size() == second.size());
    // The manifest of the first with the chunk of the second (same sizes, other photo).
    const std::size_t chunk_bytes = encode_roster_chunk({kPhotos[1], kPhotos[0]}).size();
    const std::size_t chunk_start = first.size() - chunk_bytes;
    std::vector<std::uint8_t> mixed(first.begin(), first.begin() + chunk_start);
    mixed.insert(mixed.end(), second.begin() + chunk_start, second.end());
    REQUIRE(mixed != first);
    auto refused = read_bundle(mixed, key.public_key());
    REQUIRE_FALSE(refused);
    CHECK_THAT(refused.error().message, Catch::Contains("does not match the signed manifest"));
}

TEST_CASE("A bundle signed by another event's key is refused", "[bundle]") {
    const SigningKey ours = key_from_label("event");
    const SigningKey theirs = key_from_label("another event");
    auto result =
        read_bundle(write_bundle(sample_policy(ours), kPhotos, theirs), ours.public_key());
    REQUIRE_FALSE(result);
    CHECK_THAT(result.error().message, Catch::Contains("not signed by this event's key"));
}

TEST_CASE("Bundles and revocation updates cannot be mistaken for each other", "[bundle]") {
    const SigningKey key = key_from_label("event");
    const KioskBundle b = sample_policy(key);
    const auto update = write_revocation_update(b.revocations, key);
    auto list = read_revocation_update(update, key.public_key());
    REQUIRE(list);
    CHECK(list.value() == b.revocations);
    CHECK_FALSE(looks_like_bundle(update));
    CHECK_FALSE(read_bundle(update, key.public_key()));
    const auto bundle = write_bundle(b, kPhotos, key);
    CHECK(looks_like_bundle(bundle));
    CHECK_FALSE(read_revocation_update(bundle, key.public_key()));
}

TEST_CASE("A bundle of format 1 is refused with a message naming format 2", "[bundle]") {
    // Format 1 was one signed item with the photos inside its payload.
    const SigningKey key = key_from_label("event");
    const auto old = sign_payload(CborMapBuilder()
                                      .add_text("type", "kiosk-bundle")
                                      .add_uint("format", 1)
                                      .add_uint("version", 3)
                                      .build(),
                                  key);
    auto refused = read_bundle(old, key.public_key());
    REQUIRE_FALSE(refused);
    CHECK_THAT(refused.error().message, Catch::Contains("format 1"));
    CHECK_THAT(refused.error().message, Catch::Contains("format 2"));
}

TEST_CASE("A delta names its base and removals; a holder both added and removed is refused",
          "[bundle]") {
    const SigningKey key = key_from_label("event");
    const KioskBundle b = sample_policy(key);
    const DeltaSpec delta{5, {"A001", "Z009"}, summarise_roster({{"M001", "new", {}}})};
    auto back =
        read_bundle(write_bundle_delta(b, delta, {{"M001", "new", {}}}, key), key.public_key());
    REQUIRE(back);
    CHECK(back->manifest.base == 5u);
    CHECK(back->manifest.removed == std::vector<std::string>{"A001", "Z009"});
    CHECK(back->roster == std::vector<RosterPhoto>{{"M001", "new", {}}});

    const DeltaSpec both{5, {"M001"}, delta.roster_after};
    auto refused =
        read_bundle(write_bundle_delta(b, both, {{"M001", "new", {}}}, key), key.public_key());
    REQUIRE_FALSE(refused);
    CHECK_THAT(refused.error().message, Catch::Contains("also removes"));

    const DeltaSpec not_below{7, {}, delta.roster_after}; // base = the delta's own version
    CHECK_FALSE(read_bundle(write_bundle_delta(b, not_below, {}, key), key.public_key()));
}

TEST_CASE("Revocation lists go stale after their max age, and distrust a clock before them",
          "[bundle]") {
    RevocationList list;
    list.issued_at = 1000;
    list.max_age_minutes = 10;
    CHECK_FALSE(list.is_stale(1000));
    CHECK_FALSE(list.is_stale(1600));
    CHECK(list.is_stale(1601));
    CHECK(list.is_stale(999));
}
