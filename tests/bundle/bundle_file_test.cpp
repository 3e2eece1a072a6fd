#include "bundle/bundle_file.h"
#include "support/demo_event.h"
#include "support/test_support.h"

#include <catch2/catch.hpp>

using namespace accred;
using accred::test::key_from_label;

namespace {

KioskBundle sample_bundle(const SigningKey& key) {
    KioskBundle b;
    b.version = 7;
    b.issued_at = 1396250000;
    b.event = accred::test::demo_event();
    b.credential_keys = {key.public_key()};
    b.revocations.event_id = b.event.id;
    b.revocations.version = 7;
    b.revocations.issued_at = 1396250000;
    b.revocations.max_age_minutes = 720;
    b.revocations.revoked = {{1, 2, 3, 4, 5, 6, 7, 8}, {9, 9, 9, 9, 9, 9, 9, 9}};
    b.revocations.current_issue = {{"M001", 2}};
    b.delegations = {{0, "United Nations"}, {1, "Council of Europe"}};
    b.photos = {{"M001", std::string("\x89PNG fake", 9)}, {"P001", "photo two"}};
    return b;
}

} // namespace

TEST_CASE("A bundle round-trips through its signed file", "[bundle]") {
    const SigningKey key = key_from_label("event");
    const KioskBundle b = sample_bundle(key);
    const auto file = write_bundle(b, key);
    auto back = read_bundle(file, key.public_key());
    REQUIRE(back);
    CHECK(back.value() == b);
    CHECK(back->event.find_gate("building_door")->exit_mode);
    CHECK_FALSE(back->event.find_gate("main_gate")->exit_mode);
    CHECK(back->revocations.is_revoked({9, 9, 9, 9, 9, 9, 9, 9}));
    CHECK_FALSE(back->revocations.is_revoked({9, 9, 9, 9, 9, 9, 9, 0}));
    CHECK(back->revocations.is_superseded("M001", 1));
    CHECK_FALSE(back->revocations.is_superseded("M001", 2));
    CHECK_FALSE(back->revocations.is_superseded("P001", 1));
}

TEST_CASE("The daily presence reset travels in the bundle only when it is not the default",
          "[bundle]") {
    const SigningKey key = key_from_label("event");
    KioskBundle b = sample_bundle(key);
    REQUIRE(b.event.presence_reset == kDefaultPresenceReset);
    const auto plain = write_bundle(b, key);
    b.event.presence_reset = 5 * 60 + 30; // 05:30
    const auto late = write_bundle(b, key);
    CHECK(late.size() > plain.size()); // the field is there only now
    auto back = read_bundle(late, key.public_key());
    REQUIRE(back);
    CHECK(back->event.presence_reset == 330);
    CHECK(read_bundle(plain, key.public_key())->event.presence_reset == kDefaultPresenceReset);
}

TEST_CASE("A bundle changed in any one byte is refused", "[bundle]") {
    const SigningKey key = key_from_label("event");
    const auto file = write_bundle(sample_bundle(key), key);
    // Every byte would take minutes for a large file; every byte of the first 200 and then a
    // stride covers the envelope, the header, the payload's start and the signature.
    for (std::size_t i = 0; i < file.size(); i += (i < 200 || i > file.size() - 80) ? 1 : 13) {
        auto altered = file;
        altered[i] = static_cast<std::uint8_t>(altered[i] ^ 0x01);
        CAPTURE(i);
        CHECK_FALSE(read_bundle(altered, key.public_key()));
    }
    auto shorter = file;
    shorter.pop_back();
    CHECK_FALSE(read_bundle(shorter, key.public_key()));
    auto longer = file;
    longer.push_back(0);
    CHECK_FALSE(read_bundle(longer, key.public_key()));
}

TEST_CASE("A bundle signed by another event's key is refused", "[bundle]") {
    const SigningKey ours = key_from_label("event");
    const SigningKey theirs = key_from_label("another event");
    const auto file = write_bundle(sample_bundle(ours), theirs);
    auto result = read_bundle(file, ours.public_key());
    REQUIRE_FALSE(result);
    CHECK(result.error().message.find("not signed by this event's key") != std::string::npos);
}

TEST_CASE("Bundles and revocation updates cannot be mistaken for each other", "[bundle]") {
    const SigningKey key = key_from_label("event");
    const KioskBundle b = sample_bundle(key);
    const auto update = write_revocation_update(b.revocations, key);
    auto list = read_revocation_update(update, key.public_key());
    REQUIRE(list);
    CHECK(list.value() == b.revocations);
    CHECK_FALSE(read_bundle(update, key.public_key()));
    CHECK_FALSE(read_revocation_update(write_bundle(b, key), key.public_key()));
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
