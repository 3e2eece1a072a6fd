#include "issuer/claims_json.h"
#include "support/test_support.h"

#include <catch2/catch.hpp>
#include <nlohmann/json.hpp>

using namespace accred;

TEST_CASE("Claims round-trip through JSON", "[json]") {
    Claims c = accred::test::typical_claims();
    c.escort = "P001";
    CHECK(claims_from_json(claims_to_json(c)).value() == c);
    c.org = Organisation{std::nullopt, "Conseil de l'Europe"};
    CHECK(claims_from_json(claims_to_json(c)).value() == c);
    for (std::uint32_t code : {255u, 256u, 65535u}) { // delegation codes are 0..65535
        c.org = Organisation{code, {}};
        CHECK(claims_to_json(c)["org"] == code);
        CHECK(claims_from_json(claims_to_json(c)).value() == c);
    }
}

TEST_CASE("Claims JSON with a typo, a wrong type or a broken rule is refused", "[json]") {
    const auto good = claims_to_json(accred::test::typical_claims());
    auto with = [&](const char* key, nlohmann::json value) {
        auto j = good;
        j[key] = value;
        return claims_from_json(j);
    };
    auto typo = with("zone", nlohmann::json::array({1}));
    REQUIRE_FALSE(typo);
    CHECK(typo.error().message.find("zone") != std::string::npos);
    CHECK_FALSE(with("rank", "high"));
    CHECK_FALSE(with("rank", -1));
    CHECK_FALSE(with("photo", "abcd"));
    CHECK_FALSE(with("zones", nlohmann::json::array({300})));
    auto org = with("org", 65536);
    REQUIRE_FALSE(org);
    CHECK(org.error().message == "field \"org\" must be a delegation code 0-65535 or a name");
    CHECK_FALSE(with("org", -1));
    CHECK_FALSE(with("category", 256));
    CHECK_FALSE(with("nbf", 9999999999ull));
    CHECK_FALSE(claims_from_json(nlohmann::json::array()));
}
