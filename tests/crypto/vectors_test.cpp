// Runs every conformance case in tests/vectors/ (written by tests/interop/make_vectors.py, an
// independent Python implementation of docs/credential-format.md) against the C++ codec.
#include "crypto/base45.h"
#include "crypto/credential.h"
#include "crypto/file_io.h"
#include "crypto/hex.h"
#include "issuer/claims_json.h"
#include "support/test_support.h"

#include <catch2/catch.hpp>
#include <filesystem>
#include <map>
#include <nlohmann/json.hpp>

using namespace accred;
using accred::test::unhex;

namespace {

std::vector<std::filesystem::path> vector_files() {
    std::vector<std::filesystem::path> files;
    for (const auto& entry : std::filesystem::directory_iterator(ACCRED_VECTORS_DIR))
        if (entry.path().extension() == ".json") files.push_back(entry.path());
    std::sort(files.begin(), files.end());
    return files;
}

} // namespace

TEST_CASE("Conformance vectors: every case gives its expected outcome", "[vectors]") {
    const auto files = vector_files();
    REQUIRE(files.size() >= 25);
    std::map<std::string, int> layers;
    int resigned = 0;
    for (const auto& path : files) {
        CAPTURE(path.filename().string());
        const auto json = nlohmann::json::parse(read_small_file(path.string(), 1 << 20).value());
        layers[json.at("layer").get<std::string>()]++;

        if (json.contains("BASE45") && json.contains("EXPECTED_BASE45_DECODE")) {
            const auto decoded = base45_decode(json["BASE45"].get<std::string>());
            CHECK(decoded.has_value() == json["EXPECTED_BASE45_DECODE"].get<bool>());
            if (decoded && json.contains("COSE_HEX"))
                CHECK(hex_encode(*decoded) == json["COSE_HEX"].get<std::string>());
        }

        TrustStore store;
        for (const auto& hex : json.at("TRUSTED_KEYS")) {
            const auto bytes = unhex(hex.get<std::string>());
            auto key = public_key_from_bytes(bytes);
            REQUIRE(key);
            store.add(*key);
        }
        VerifyOptions options;
        if (json.contains("EXPECTED_EVENT")) options.expected_event = json["EXPECTED_EVENT"];
        if (json.contains("NOW")) options.now = json["NOW"].get<std::uint64_t>();

        const std::string text = json.at("AC1");
        const Verification v = verify_credential(text, store, options);
        const std::string expected = json.at("EXPECTED_REASON");
        CHECK(v.ok() == json.at("EXPECTED_VERIFY").get<bool>());
        CHECK((v.ok() ? std::string("ok") : std::string(reason_name(v.reason()))) == expected);

        if (v.ok() && json.contains("CLAIMS")) {
            auto claims = claims_from_json(json["CLAIMS"]);
            REQUIRE(claims);
            CHECK(v.claims() == claims.value());
            // Deterministic encoding + deterministic Ed25519: re-signing gives the same bytes.
            if (json.contains("SEED_HEX")) {
                auto key = SigningKey::from_seed(unhex(json["SEED_HEX"].get<std::string>()));
                REQUIRE(key);
                CHECK(sign_credential(claims.value(), key.value()).value() == text);
                ++resigned;
            }
        }
    }
    // Every layer of the format is covered.
    for (const char* layer : {"prefix", "base45", "cose", "signature", "claims", "valid"})
        CHECK(layers[layer] > 0);
    CHECK(resigned >= 4);
}
