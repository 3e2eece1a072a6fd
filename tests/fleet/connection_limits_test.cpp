// The desk server's bookkeeping of connections and its answers to request heads, without sockets:
// who is dropped when the caps are reached, and what a head alone earns.
#include "fleet/tls/connection_limits.h"
#include "fleet/tls/request_head.h"

#include <catch2/catch.hpp>

using namespace accred;
using namespace accred::tls_internal;
using Ids = std::vector<ConnectionLimits::Id>;

TEST_CASE("A full desk drops its oldest unauthenticated connection, never a kiosk's", "[tls]") {
    ConnectionLimits limits({/*max_connections=*/5, /*max_unauthenticated=*/3, /*per_kiosk=*/2});
    for (ConnectionLimits::Id id = 1; id <= 3; ++id)
        CHECK(limits.accept(id).accepted);
    // The fourth handshake in progress pushes out the first.
    auto a = limits.accept(4);
    CHECK(a.accepted);
    CHECK(a.evict == Ids{1});
    CHECK(limits.unauthenticated() == 3);
    // Two become a kiosk's; an eviction named before cannot come back as authenticated.
    CHECK(limits.authenticated(2, "k1").empty());
    CHECK(limits.authenticated(3, "k2").empty());
    CHECK(limits.authenticated(1, "k1").empty());
    CHECK(limits.total() == 3);
    CHECK(limits.unauthenticated() == 1);
    // Global cap 5: a newcomer pushes out the oldest unauthenticated connection only.
    CHECK(limits.accept(5).evict.empty());
    CHECK(limits.accept(6).evict.empty());
    CHECK(limits.total() == 5);
    auto seventh = limits.accept(7);
    CHECK(seventh.accepted);
    CHECK(seventh.evict == Ids{4});
    CHECK(limits.authenticated(5, "k3").empty());
    CHECK(limits.authenticated(6, "k4").empty());
    CHECK(limits.authenticated(7, "k5").empty());
    // Five kiosks' connections and nothing else: a sixth waits (refused, nobody dropped).
    auto full = limits.accept(8);
    CHECK_FALSE(full.accepted);
    CHECK(full.evict.empty());
    limits.closed(5);
    limits.closed(5); // idempotent
    CHECK(limits.accept(9).accepted);
}

TEST_CASE("A kiosk holds at most its share of connections: its oldest makes room", "[tls]") {
    ConnectionLimits limits({100, 100, 2});
    for (ConnectionLimits::Id id = 1; id <= 4; ++id)
        CHECK(limits.accept(id).accepted);
    CHECK(limits.authenticated(1, "k").empty());
    CHECK(limits.authenticated(2, "k").empty());
    CHECK(limits.authenticated(3, "other").empty());
    CHECK(limits.authenticated(4, "k") == Ids{1});
    limits.closed(1); // already forgotten
    CHECK(limits.total() == 3);
    limits.closed(2);
    CHECK(limits.accept(5).accepted);
    CHECK(limits.authenticated(5, "k").empty());
}

TEST_CASE("A request head alone decides 404, 405, 411 and 413", "[tls]") {
    const auto judge = [](std::string_view method, bool known, bool te,
                          std::optional<std::uint64_t> length) {
        return judge_request_head({method, known, te, length}, 1000);
    };
    CHECK(judge("POST", true, false, 10).read_body);
    CHECK(judge("POST", false, false, 0).read_body); // 404 comes from the handler lookup
    const HeadVerdict get = judge("GET", true, false, std::nullopt);
    CHECK(get.refusal.status == 405);
    CHECK(get.allow_post);
    CHECK(judge("GET", false, false, std::nullopt).refusal.status == 404);
    CHECK_FALSE(judge("GET", false, false, std::nullopt).allow_post);
    CHECK(judge("POST", true, true, 10).refusal.status == 411);
    CHECK(judge("POST", true, false, std::nullopt).refusal.status == 411);
    const HeadVerdict big = judge("POST", true, false, 1001);
    CHECK_FALSE(big.read_body);
    CHECK(big.refusal.status == 413);
    CHECK(judge("POST", true, false, 1000).read_body);
    CHECK(json_error("a \"quoted\" \\ line\nbreak") ==
          "{\"error\":\"a \\\"quoted\\\" \\\\ linebreak\"}");
}
