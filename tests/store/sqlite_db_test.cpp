// Evidence connections (store/sqlite_db.h): immutable, and bounded in time.
#include "store/sqlite_db.h"
#include "support/test_support.h"

#include <catch2/catch.hpp>
#include <chrono>
#include <filesystem>

using namespace accred;

TEST_CASE("An evidence read that would run for ever is stopped by its budget", "[store]") {
    accred::test::TempDir dir;
    const std::string path = dir.file("evidence.db");
    {
        auto db = Database::open(path, Database::Mode::read_write_create);
        REQUIRE(db);
        REQUIRE(db->exec("CREATE TABLE t(x); INSERT INTO t VALUES (1)"));
    }
    auto db = Database::open(path, Database::Mode::evidence, std::chrono::seconds{1});
    REQUIRE(db);
    const auto start = std::chrono::steady_clock::now();
    auto q = db->prepare("WITH RECURSIVE r(x) AS (SELECT 1 UNION ALL SELECT x + 1 FROM r) "
                         "SELECT count(*) FROM r");
    REQUIRE(q);
    auto step = q->step();
    const auto took = std::chrono::steady_clock::now() - start;
    REQUIRE_FALSE(step);
    CHECK_THAT(step.error().message, Catch::Contains("interrupted"));
    CHECK(took < std::chrono::seconds{5});
    // Nothing was created beside the evidence, and it is still what it was.
    CHECK_FALSE(std::filesystem::exists(path + "-shm"));
    CHECK_FALSE(std::filesystem::exists(path + "-wal"));
}
