#include "issuer/web/login_throttle.h"
#include "issuer/web/session_store.h"
#include "issuer/web/web_desk.h"
#include "issuer/web/web_text.h"

#include <catch2/catch.hpp>
#include <set>

using namespace accred;

TEST_CASE("sessions end when idle, when too old, and at logout", "[web]") {
    SessionStore store(/*idle*/ 60, /*max age*/ 600);
    const WebSession s = store.open("alice", OperatorRole::supervisor, "fr", 1000);
    CHECK(s.token.size() == 43);
    CHECK(s.csrf.size() == 43);
    CHECK(s.token != s.csrf);
    CHECK(store.touch(s.token, 1059).first == SessionLookup::valid);
    CHECK(store.touch(s.token, 1118).first == SessionLookup::valid); // each request renews it
    auto [ended, who] = store.touch(s.token, 1179);                  // 61 s idle
    CHECK(ended == SessionLookup::expired);
    REQUIRE(who);
    CHECK(who->operator_name == "alice");
    CHECK(store.touch(s.token, 1180).first == SessionLookup::unknown); // said once

    const WebSession busy = store.open("bob", OperatorRole::auditor, "en", 2000);
    for (std::int64_t t = 2000; t <= 2600; t += 30)
        CHECK(store.touch(busy.token, t).first == SessionLookup::valid);
    CHECK(store.touch(busy.token, 2630).first == SessionLookup::expired); // older than max age

    const WebSession a = store.open("carol", OperatorRole::auditor, "en", 3000);
    const WebSession b = store.open("carol", OperatorRole::auditor, "en", 3000);
    store.close(a.token);
    CHECK(store.touch(a.token, 3001).first == SessionLookup::unknown);
    CHECK(store.touch(b.token, 3001).first == SessionLookup::valid);
    store.close_all_of("carol");
    CHECK(store.touch(b.token, 3002).first == SessionLookup::unknown);
    CHECK(store.touch("", 3002).first == SessionLookup::unknown);
}

TEST_CASE("tokens are random and compared whole", "[web]") {
    std::set<std::string> seen;
    for (int i = 0; i < 1000; ++i)
        CHECK(seen.insert(random_token()).second);
    const std::string t = random_token();
    CHECK(same_token(t, t));
    CHECK_FALSE(same_token(t, t.substr(0, 42)));
    CHECK_FALSE(same_token("", ""));
    std::string flipped = t;
    flipped.back() = flipped.back() == 'A' ? 'B' : 'A';
    CHECK_FALSE(same_token(t, flipped));
}

TEST_CASE("the login throttle slows guessing by name and by address", "[web]") {
    LoginThrottle throttle;
    const std::int64_t t0 = 10000;
    for (int i = 0; i < LoginThrottle::kFreeFailures - 1; ++i) {
        CHECK(throttle.wait_seconds("alice", "10.0.0.1", t0) == 0);
        throttle.failed("alice", "10.0.0.1", t0);
    }
    CHECK(throttle.wait_seconds("alice", "10.0.0.1", t0) == 0);
    throttle.failed("alice", "10.0.0.1", t0); // the fifth
    CHECK(throttle.wait_seconds("alice", "10.0.0.1", t0) == LoginThrottle::kFirstLockSeconds);
    // Another address cannot guess alice's password meanwhile, nor this address another name.
    CHECK(throttle.wait_seconds("alice", "10.0.0.2", t0) > 0);
    CHECK(throttle.wait_seconds("bob", "10.0.0.1", t0) > 0);
    CHECK(throttle.wait_seconds("bob", "10.0.0.2", t0) == 0);
    // Each further failure doubles the wait, up to the cap.
    throttle.failed("alice", "10.0.0.1", t0 + 30);
    CHECK(throttle.wait_seconds("alice", "10.0.0.9", t0 + 30) ==
          2 * LoginThrottle::kFirstLockSeconds);
    for (int i = 0; i < 20; ++i)
        throttle.failed("alice", "10.0.0.1", t0 + 40);
    CHECK(throttle.wait_seconds("alice", "10.0.0.9", t0 + 40) == LoginThrottle::kMaxLockSeconds);
    // A success clears both counts.
    throttle.succeeded("alice", "10.0.0.1");
    CHECK(throttle.wait_seconds("alice", "10.0.0.1", t0 + 41) == 0);
}

TEST_CASE("cookies and languages are read strictly", "[web]") {
    CHECK(cookie_value("a=1; __Host-desk=abc; b=2", "__Host-desk") == "abc");
    CHECK(cookie_value("x__Host-desk=abc", "__Host-desk").empty());
    CHECK(cookie_value("__Host-desk", "__Host-desk").empty());
    CHECK(cookie_value("", "desk").empty());
    CHECK(session_cookie_name(true) == "__Host-desk");
    CHECK(language_from_header("fr-BE,fr;q=0.9,en;q=0.8") == "fr");
    CHECK(language_from_header("de-DE, nl;q=0.5") == "nl");
    CHECK(language_from_header("de") == "en");
    CHECK(language_from_header("") == "en");
    CHECK(known_language("xx") == "en");
    nlohmann::json t;
    add_texts(t, common_texts(), "nl");
    CHECK(t["logout"] == "Afmelden");
    // Every shared word exists in all three languages.
    for (const TextEntry& e : common_texts()) {
        CHECK(std::string(e.en).size() > 0);
        CHECK(std::string(e.fr).size() > 0);
        CHECK(std::string(e.nl).size() > 0);
    }
}
