// The sync messages (fleet/protocol/sync_messages.h): every field survives the round trip, and
// the strict reader refuses what a careless or hostile peer could send.
#include "fleet/protocol/base64_text.h"
#include "fleet/protocol/sync_messages.h"
#include "entrylog/checkpoint.h"
#include "entrylog/entry_chain.h"
#include "support/test_support.h"

#include <catch2/catch.hpp>
#include <nlohmann/json.hpp>

using namespace accred;
using namespace accred::test;
using json = nlohmann::json;

namespace {

const SigningKey& kiosk_key() {
    static const SigningKey key = key_from_label("fleet protocol kiosk");
    return key;
}

// Two chained rows: a full one (every optional field set) and a bare denial.
std::vector<EntryRecord> two_rows() {
    EntryRecord a;
    a.seq = 1;
    a.time = 1396256400;
    a.simulated_time = true;
    a.kiosk_id = fingerprint(kiosk_key().public_key());
    a.gate = "G1";
    a.zone = "plenary";
    a.verdict = Verdict::granted;
    a.admitted = true;
    a.reason = Reason::granted_override;
    a.holder = "D042";
    a.cti = std::array<std::uint8_t, 8>{1, 2, 3, 4, 5, 6, 7, 8};
    a.issue = 4294967295u;
    a.override_by = "S01";
    a.original_reason = Reason::zone_closed;
    a.credential = std::string("AC1:\x00\xff binary", 14); // any bytes a camera read
    a.hash = entry_hash(a);
    EntryRecord b;
    b.seq = 2;
    b.time = -5; // a clock far off is still carried exactly
    b.kiosk_id = a.kiosk_id;
    b.gate = "G1";
    b.zone = "plenary";
    b.direction = Direction::exit;
    b.verdict = Verdict::denied;
    b.reason = Reason::malformed;
    b.credential = "";
    b.prev_hash = a.hash;
    b.hash = entry_hash(b);
    return {a, b};
}

SyncRequest full_request() {
    SyncRequest q;
    q.log_seq = 2;
    q.rows = two_rows();
    q.checkpoint =
        sign_checkpoint(kiosk_key(), q.rows[0].kiosk_id, 2, q.rows[1].hash, 1396256500).value();
    q.bundle_version = 7;
    q.revocations_version = 9;
    q.revocations_issued_at = 1396256000;
    q.presence_after = 1234;
    q.presence_generation = 3;
    q.kiosk_time = 1396256501;
    q.simulated_time = true;
    return q;
}

// The request as JSON, changed by edit, parsed again.
Outcome<SyncRequest> edited(const std::function<void(json&)>& edit) {
    json j = json::parse(sync_request_to_json(full_request()));
    edit(j);
    return sync_request_from_json(j.dump());
}

} // namespace

TEST_CASE("sync messages: a request and a reply survive the round trip exactly",
          "[fleet][protocol]") {
    const SyncRequest q = full_request();
    const auto back = sync_request_from_json(sync_request_to_json(q));
    REQUIRE(back);
    CHECK(back.value() == q);
    CHECK(back->rows[0].credential.size() == 14); // the NUL byte kept
    CHECK(verify_checkpoint_signature(*back->checkpoint));

    SyncReply a;
    a.acked_seq = 2;
    a.bundle_version = 8;
    a.revocations = std::vector<std::uint8_t>{0, 1, 2, 250, 255};
    a.presence = two_rows();
    a.presence_cursor = 99;
    a.presence_generation = 2;
    a.more = true;
    a.desk_time = 1396256502;
    const auto reply = sync_reply_from_json(sync_reply_to_json(a));
    REQUIRE(reply);
    CHECK(reply.value() == a);

    SyncReply empty;
    const auto none = sync_reply_from_json(sync_reply_to_json(empty));
    REQUIRE(none);
    CHECK_FALSE(none->revocations.has_value());
    CHECK(none->presence.empty());
}

TEST_CASE("sync messages: the strict reader refuses what it does not know", "[fleet][protocol]") {
    SECTION("an unknown key, at the top and in a row") {
        auto top = edited([](json& j) { j["priority"] = 1; });
        REQUIRE_FALSE(top);
        CHECK_THAT(top.error().message, Catch::Contains("unknown key \"priority\""));
        CHECK_FALSE(edited([](json& j) { j["rows"][0]["note"] = "x"; }));
    }
    SECTION("a missing key") {
        auto missing = edited([](json& j) { j.erase("presence_after"); });
        REQUIRE_FALSE(missing);
        CHECK_THAT(missing.error().message, Catch::Contains("presence_after"));
        CHECK_FALSE(edited([](json& j) { j["rows"][1].erase("hash"); }));
    }
    SECTION("wrong types and ranges") {
        CHECK_FALSE(edited([](json& j) { j["log_seq"] = -1; }));
        CHECK_FALSE(edited([](json& j) { j["log_seq"] = "2"; }));
        CHECK_FALSE(edited([](json& j) { j["simulated_time"] = 1; }));
        CHECK_FALSE(edited([](json& j) { j["rows"][0]["issue"] = 4294967296ull; }));
        CHECK_FALSE(edited([](json& j) { j["rows"][0]["direction"] = "sideways"; }));
        CHECK_FALSE(edited([](json& j) { j["rows"][0]["cti"] = "0102"; }));
        CHECK_FALSE(edited([](json& j) { j["rows"][0]["hash"] = "zz"; }));
        CHECK_FALSE(edited([](json& j) { j["rows"] = json::object(); }));
    }
    SECTION("another protocol version") {
        auto v1 = edited([](json& j) { j["v"] = 1; }); // before the presence generation
        REQUIRE_FALSE(v1);
        CHECK_THAT(v1.error().message, Catch::Contains("version 1"));
    }
    SECTION("a credential not in canonical base64") {
        CHECK_FALSE(edited([](json& j) { j["rows"][1]["credential"] = "QQ"; }));   // no padding
        CHECK_FALSE(edited([](json& j) { j["rows"][1]["credential"] = "QR=="; })); // stray bits
        CHECK_FALSE(edited([](json& j) { j["rows"][1]["credential"] = "Q Q="; }));
    }
    SECTION("a checkpoint that is not one") {
        CHECK_FALSE(edited([](json& j) { j["checkpoint"] = "accred-checkpoint v1 AAAA"; }));
    }
    SECTION("a repeated key") {
        std::string body = sync_request_to_json(full_request());
        body.insert(1, "\"log_seq\":1,");
        auto repeated = sync_request_from_json(body);
        REQUIRE_FALSE(repeated);
        CHECK_THAT(repeated.error().message, Catch::Contains("repeats a key"));
    }
    SECTION("not JSON, or JSON of another shape") {
        CHECK_FALSE(sync_request_from_json("{"));
        CHECK_FALSE(sync_request_from_json("[]"));
        CHECK_FALSE(sync_request_from_json(""));
        CHECK_FALSE(sync_reply_from_json("null"));
    }
}

TEST_CASE("sync messages: counts and sizes are bounded before anything is kept",
          "[fleet][protocol]") {
    SyncRequest q = full_request();
    q.rows.assign(kMaxRowsPerSync + 1, q.rows[1]);
    auto many = sync_request_from_json(sync_request_to_json(q));
    REQUIRE_FALSE(many);
    CHECK_THAT(many.error().message, Catch::Contains("at most 500"));
    q.rows.resize(kMaxRowsPerSync);
    CHECK(sync_request_from_json(sync_request_to_json(q)));

    SyncReply a;
    a.presence.assign(kMaxPresencePerSync + 1, two_rows()[1]);
    CHECK_FALSE(sync_reply_from_json(sync_reply_to_json(a)));

    const std::string huge(kMaxSyncMessageBytes + 1, ' ');
    auto too_big = sync_request_from_json(huge);
    REQUIRE_FALSE(too_big);
    CHECK_THAT(too_big.error().message, Catch::Contains("bytes; at most"));

    // A credential longer than any QR code can hold, and a revocation update over its cap.
    json j = json::parse(sync_request_to_json(full_request()));
    const std::vector<std::uint8_t> long_text(kMaxLogCredentialBytes + 1, 'A');
    j["rows"][0]["credential"] = base64_encode(long_text);
    CHECK_FALSE(sync_request_from_json(j.dump()));
    json r = json::parse(sync_reply_to_json(SyncReply{}));
    r["revocations"] = base64_encode(std::vector<std::uint8_t>(kMaxInlineRevocationBytes + 1));
    CHECK_FALSE(sync_reply_from_json(r.dump()));
}

TEST_CASE("base64: canonical text only, within the cap", "[fleet][protocol]") {
    const std::vector<std::uint8_t> bytes{'h', 'i', '!', 0};
    const std::string text = base64_encode(bytes);
    CHECK(text == "aGkhAA==");
    CHECK(base64_decode(text, 4) == bytes);
    CHECK_FALSE(base64_decode(text, 3));       // over the cap
    CHECK_FALSE(base64_decode("aGkhAB==", 4)); // unused bits set
    CHECK_FALSE(base64_decode("aGkhAA=", 4));
    CHECK(base64_decode("", 0) == std::vector<std::uint8_t>{});
}
