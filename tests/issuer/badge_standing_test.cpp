#include "issuer/badge_standing.h"

#include <catch2/catch.hpp>

using namespace accred;

namespace {

StoredCredential badge(std::uint32_t issue, std::optional<std::string> revoked = std::nullopt) {
    StoredCredential c;
    c.holder = "M001";
    c.issue = issue;
    c.revoked_reason = std::move(revoked);
    return c;
}

Claims window(std::uint64_t nbf, std::uint64_t exp) {
    Claims c;
    c.nbf = nbf;
    c.exp = exp;
    return c;
}

} // namespace

TEST_CASE("A badge's standing: its dates at the moment judged", "[desk]") {
    const StoredCredential one = badge(1);
    const Claims days = window(1000, 2000);
    CHECK(judge_badge(&one, &days, &one, nullptr, 999).state == BadgeState::not_yet_valid);
    CHECK(judge_badge(&one, &days, &one, nullptr, 1000).state == BadgeState::valid);
    CHECK(judge_badge(&one, &days, &one, nullptr, 1999).state == BadgeState::valid);
    CHECK(judge_badge(&one, &days, &one, nullptr, 2000).state == BadgeState::expired);
    CHECK(judge_badge(nullptr, nullptr, nullptr, nullptr, 1500).state == BadgeState::not_issued);
}

TEST_CASE("A badge's standing: withdrawn before superseded before revoked before its dates",
          "[desk]") {
    const StoredCredential old_one = badge(1, "superseded by reissue: lost");
    const StoredCredential two = badge(2);
    const StoredCredential revoked = badge(2, "press card withdrawn");
    const Claims days = window(1000, 2000);
    const Withdrawal w{"M001", "press card withdrawn", 1200, "desk"};
    const auto superseded = judge_badge(&old_one, &days, &two, nullptr, 1500);
    CHECK(superseded.state == BadgeState::superseded);
    CHECK(superseded.current_issue == 2);
    CHECK(judge_badge(&revoked, &days, &revoked, nullptr, 1500).state == BadgeState::revoked);
    CHECK(judge_badge(&revoked, &days, &revoked, nullptr, 5000).state == BadgeState::revoked);
    const auto withdrawn = judge_badge(&revoked, &days, &revoked, &w, 5000);
    CHECK(withdrawn.state == BadgeState::withdrawn);
    CHECK(withdrawn.withdrawal->reason == "press card withdrawn");
}

TEST_CASE("Badge state names read back, with - or _", "[desk]") {
    for (auto s : {BadgeState::withdrawn, BadgeState::superseded, BadgeState::revoked,
                   BadgeState::not_yet_valid, BadgeState::expired, BadgeState::valid,
                   BadgeState::not_issued})
        CHECK(parse_badge_state(badge_state_name(s)) == s);
    CHECK(parse_badge_state("not-yet-valid") == BadgeState::not_yet_valid);
    CHECK_FALSE(parse_badge_state("asleep"));
}
