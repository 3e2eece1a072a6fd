#include "crypto/count_noun.h"

#include <catch2/catch.hpp>

using namespace accred;

TEST_CASE("Counts take the singular for one and the plural otherwise", "[count_noun]") {
    CHECK(count_noun(0, "badge", "badges") == "0 badges");
    CHECK(count_noun(1, "badge", "badges") == "1 badge");
    CHECK(count_noun(2, "badge", "badges") == "2 badges");
    CHECK(count_noun(1, "person", "people") == "1 person");
    CHECK(count_noun(2000, "person", "people") == "2000 people");
    CHECK(noun_for(1, "checkpoint", "checkpoints") == "checkpoint");
    CHECK(noun_for(11, "checkpoint", "checkpoints") == "checkpoints");
}
