// The chain and checkpoint formats as pure values: the worked example of
// docs/entry-log-format.md (also computed by verify_entry_log.py --example), verify_chain's rules
// on rows in memory, checkpoint signatures and the strict text form.
#include "crypto/hex.h"
#include "entrylog/entry_log.h"
#include "log_test_support.h"

#include <catch2/catch.hpp>
#include <sodium.h>

using namespace accred;
using namespace accred::test;

namespace {

// The three rows and checkpoint of the worked example in docs/entry-log-format.md (version 2
// rows: row 2 has an other reason, row 3 is not admitted).
struct Example {
    SigningKey key = key_from_label("entry log example kiosk");
    std::vector<EntryRecord> rows;
    Example() {
        EntryRecord r;
        r.kiosk_id = fingerprint(key.public_key());
        r.gate = "G1";
        r.zone = "plenary";
        r.simulated_time = true;
        r.holder = "D042";
        r.cti = std::array<std::uint8_t, 8>{0x1f, 0x2e, 0x3d, 0x4c, 0x5b, 0x6a, 0x79, 0x88};
        r.issue = 1;
        r.credential = "AC1:EXAMPLE";
        r.verdict = Verdict::granted;
        r.admitted = true;
        r.reason = Reason::granted;
        r.time = 1396256400;
        rows.push_back(r);
        r.time = 1396256460;
        r.reason = Reason::granted_override;
        r.override_by = "S01";
        r.original_reason = Reason::zone_closed;
        r.other_reasons = {Reason::stale_revocations};
        rows.push_back(r);
        r = rows[0];
        r.time = 1396256520;
        r.direction = Direction::exit;
        r.verdict = Verdict::denied;
        r.reason = Reason::malformed;
        r.admitted = false;
        r.holder.reset();
        r.cti.reset();
        r.issue.reset();
        r.credential = "Hello";
        rows.push_back(r);
        Hash32 previous{};
        for (std::size_t i = 0; i < rows.size(); ++i) {
            rows[i].seq = i + 1;
            rows[i].prev_hash = previous;
            previous = rows[i].hash = entry_hash(rows[i]);
        }
    }
};

// Sets seq, prev_hash and hash of rows as a writer would.
std::vector<EntryRecord> chained(std::vector<EntryRecord> rows) {
    Hash32 previous{};
    for (std::size_t i = 0; i < rows.size(); ++i) {
        if (rows[i].kiosk_id.empty()) rows[i].kiosk_id = log_kiosk_id();
        rows[i].seq = i + 1;
        rows[i].prev_hash = previous;
        previous = rows[i].hash = entry_hash(rows[i]);
    }
    return rows;
}

std::string base64(const std::vector<std::uint8_t>& bytes) {
    std::string out(sodium_base64_encoded_len(bytes.size(), sodium_base64_VARIANT_ORIGINAL), '\0');
    sodium_bin2base64(out.data(), out.size(), bytes.data(), bytes.size(),
                      sodium_base64_VARIANT_ORIGINAL);
    out.pop_back();
    return out;
}

} // namespace

TEST_CASE("entry chain: the worked example of the format document", "[entry_log][chain]") {
    const Example ex;
    CHECK(ex.rows[0].kiosk_id == "ace9-4dde-d8f4-d2c6");
    CHECK(ex.rows[0].format == kEntryRowV2);
    CHECK(hex_encode(entry_canonical_bytes(ex.rows[0])) ==
          "61636372656420656e7472792076320000000000000000010000000053392e900100000013616365392d"
          "346464652d643866342d6432633600000002473100000007706c656e61727900000000076772616e7465"
          "64000000076772616e7465640100000000010000000444303432011f2e3d4c5b6a798801000000010000"
          "0000000b4143313a4558414d504c450000000000000000000000000000000000000000000000000000000"
          "000000000");
    CHECK(hex_encode(ex.rows[0].hash) ==
          "411b097a468b0f7143cc75e48be66620527e1b6ff503d88064cd73544dfaac05");
    CHECK(hex_encode(ex.rows[1].hash) ==
          "dda3a651b5341836e09abb4a8caf508f0f02b3d4bbe3166dea5c5739230ba08f");
    CHECK(hex_encode(ex.rows[2].hash) ==
          "692e216018313f80a2d938e5e5b0ab36568c6b423078e24685c8e268e528725e");
    CHECK_FALSE(verify_chain(ex.rows));

    // The same row 1 as a version 1 row: the v1 encoding and its hash are unchanged.
    EntryRecord v1 = ex.rows[0];
    v1.format = kEntryRowV1;
    v1.admitted = true;
    v1.other_reasons.clear();
    CHECK(entry_canonical_bytes(v1).size() == 168);
    CHECK(hex_encode(entry_hash(v1)) ==
          "a1e498576033077dda14a27144b1f7acabc869732b0c0e7e9129f99bb065b5c1");

    auto cp = sign_checkpoint(ex.key, ex.rows[0].kiosk_id, 3, ex.rows[2].hash, 1396256600);
    REQUIRE(cp.ok());
    CHECK(hex_encode(cp->signature) ==
          "252714a7406e58e08f0433418b3cd8d903b3bddcbf0fafd8b89ac71fa97c0973"
          "274945321c78e44e01e9cd55666b2f4d39bc799fc250ec39a5b7cbe01d8aa00a");
    CHECK(checkpoint_to_text(cp.value()) ==
          "accred-checkpoint v1 YWNjcmVkIGNoZWNrcG9pbnQgdjEAAAAAE2FjZTktNGRkZS1kOGY0LWQyYzYAAAAAA"
          "AAAA2kuIWAYMT+Aotk45eWwqzZWjGtCMHjiRoXI4mjlKHJeAAAAAFM5L1jBbE7VjPe65K8ZnHM+FPtUw8BZ7/p"
          "OWBWOSC8P1P5gPCUnFKdAbljgjwQzQYs82NkDs73cvw+v2Liaxx+pfAlzJ0lFMhx45E4B6c1VZmsvTTm8eZ/CU"
          "Ow5pbfL4B2KoAo=");
    CHECK(verify_checkpoint_signature(cp.value()));
    CHECK_FALSE(verify_against_checkpoint(ex.rows, cp.value()));
}

TEST_CASE("entry chain: the encoding keeps fields apart", "[entry_log][chain]") {
    EntryRecord a = granted_row(kLogT0);
    EntryRecord b = a;
    b.gate = a.gate + a.zone; // move bytes from one field to the next
    b.zone = "";
    CHECK(entry_hash(a) != entry_hash(b));
    b = a;
    b.holder = ""; // present but empty differs from absent
    EntryRecord c = a;
    c.holder.reset();
    CHECK(entry_hash(b) != entry_hash(c));
    b = a;
    b.simulated_time = true;
    CHECK(entry_hash(a) != entry_hash(b));
    b = a;
    b.direction = Direction::exit;
    CHECK(entry_hash(a) != entry_hash(b));
    b = a;
    b.hash[0] ^= 1; // the stored hash itself is not hashed
    CHECK(entry_hash(a) == entry_hash(b));
}

TEST_CASE("entry chain: verify_chain names the first bad row", "[entry_log][chain]") {
    std::vector<EntryRecord> rows;
    for (int i = 1; i <= 5; ++i)
        rows.push_back(nth_row(i));
    const auto good = chained(rows);
    CHECK_FALSE(verify_chain(good));
    CHECK_FALSE(verify_chain(std::vector<EntryRecord>{}));

    auto bad = good;
    bad.erase(bad.begin());
    CHECK(verify_chain(bad)->seq == 1);
    CHECK_THAT(verify_chain(bad)->what, Catch::Contains("row 1 is missing"));
    bad = good;
    bad.insert(bad.begin() + 3, good[2]);
    CHECK(verify_chain(bad)->seq == 3);
    CHECK_THAT(verify_chain(bad)->what, Catch::Contains("appears again"));

    bad = good; // a log whose first rows were cut and renumbered: row 1 links to something
    bad[0].prev_hash[5] = 1;
    bad[0].hash = entry_hash(bad[0]);
    CHECK(verify_chain(bad)->seq == 1);
    CHECK_THAT(verify_chain(bad)->what, Catch::Contains("not 32 zero bytes"));

    rows[2].kiosk_id = "0000-1111-2222-3333";
    CHECK(verify_chain(chained(rows))->seq == 3);
    CHECK_THAT(verify_chain(chained(rows))->what, Catch::Contains("another kiosk"));
    rows[2].kiosk_id.clear();

    rows[3].admitted = !rows[3].admitted; // the door did what the verdict says it did not
    CHECK(verify_chain(chained(rows))->seq == 4);
    CHECK_THAT(verify_chain(chained(rows))->what, Catch::Contains("says"));
    rows[3] = nth_row(4);

    rows[3].time = rows[2].time - 1; // the real clock went back without saying so
    CHECK(verify_chain(chained(rows))->seq == 4);
    CHECK_THAT(verify_chain(chained(rows))->what, Catch::Contains("earlier"));
    rows[3].reason = Reason::clock_suspect;
    CHECK_FALSE(verify_chain(chained(rows)));
    rows[4].time = rows[3].time; // still before row 3: the floor stays at row 3
    CHECK(verify_chain(chained(rows))->seq == 5);
    rows[4].simulated_time = true;
    CHECK_FALSE(verify_chain(chained(rows)));
}

TEST_CASE("checkpoint: any changed byte fails verification", "[entry_log][checkpoint]") {
    const SigningKey& key = log_kiosk_key();
    Hash32 head{};
    head.fill(0xab);
    auto cp = sign_checkpoint(key, log_kiosk_id(), 42, head, kLogT0);
    REQUIRE(cp.ok());
    REQUIRE(verify_checkpoint_signature(cp.value()));
    auto bytes = checkpoint_signed_bytes(cp.value());
    bytes.insert(bytes.end(), cp->signature.begin(), cp->signature.end());
    for (std::size_t i = 0; i < bytes.size(); ++i) {
        for (const int bit : {0x01, 0x80}) {
            auto changed = bytes;
            changed[i] = static_cast<std::uint8_t>(changed[i] ^ bit);
            auto parsed = checkpoint_from_text("accred-checkpoint v1 " + base64(changed));
            INFO("byte " << i << " bit " << bit);
            CHECK((!parsed.ok() || !verify_checkpoint_signature(parsed.value())));
        }
    }
    Checkpoint changed = cp.value();
    changed.time += 1;
    CHECK_FALSE(verify_checkpoint_signature(changed));
    changed = cp.value();
    changed.kiosk_public_key = key_from_label("another kiosk").public_key().bytes;
    CHECK_FALSE(verify_checkpoint_signature(changed)); // kiosk_id is no longer its fingerprint
    changed.kiosk_public_key = Hash32{};               // a small-order point
    CHECK_FALSE(verify_checkpoint_signature(changed));
}

TEST_CASE("checkpoint: the text form round-trips and is parsed strictly",
          "[entry_log][checkpoint]") {
    auto cp = sign_checkpoint(log_kiosk_key(), log_kiosk_id(), 7, Hash32{}, kLogT0);
    REQUIRE(cp.ok());
    const std::string text = checkpoint_to_text(cp.value());
    CHECK(text.find('\n') == std::string::npos);
    for (const std::string& ok : {text, text + "\n", text + "\r\n"}) {
        auto parsed = checkpoint_from_text(ok);
        REQUIRE(parsed.ok());
        CHECK(parsed.value() == cp.value());
    }
    auto body = checkpoint_signed_bytes(cp.value());
    body.insert(body.end(), cp->signature.begin(), cp->signature.end());
    auto with_extra = body;
    with_extra.insert(with_extra.end() - 64, 0x00);
    auto long_id = cp.value();
    long_id.kiosk_id = std::string(kMaxLogFieldBytes + 1, 'k');
    auto long_id_bytes = checkpoint_signed_bytes(long_id);
    long_id_bytes.insert(long_id_bytes.end(), 64, 0);
    std::string non_canonical = text;
    non_canonical[non_canonical.size() - 2] = 'd'; // "c=" -> "d=": leftover bits not zero
    const std::string refused[] = {
        text + "\n\n",
        " " + text,
        "Accred-checkpoint v1 " + text.substr(21),
        "accred-checkpoint v2 " + text.substr(21),
        text.substr(0, text.size() - 4),
        non_canonical,
        text + "AAAA",
        "accred-checkpoint v1 " + base64(with_extra),
        "accred-checkpoint v1 " + base64(std::vector<std::uint8_t>(body.begin() + 1, body.end())),
        "accred-checkpoint v1 " + base64(long_id_bytes),
        "accred-checkpoint v1 " + std::string(4000, 'A'),
        "accred-checkpoint v1 ",
        "",
    };
    for (const std::string& bad : refused) {
        INFO(bad);
        auto parsed = checkpoint_from_text(bad);
        REQUIRE_FALSE(parsed.ok());
        CHECK_THAT(parsed.error().message, Catch::StartsWith("not a valid checkpoint"));
    }
}
