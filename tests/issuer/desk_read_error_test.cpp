// Database reads that fail say so (issue 15): a real desk.db whose revocations span many pages
// has one leaf page in the middle of their b-trees overwritten with garbage; exporting the
// revocation update or the bundle is then refused, naming the problem, and writes nothing.
#include "desk_workspace.h"

#include "crypto/file_io.h"
#include "issuer/bundle_export.h"
#include "issuer/desk.h"
#include "issuer/issuance.h"

#include <catch2/catch.hpp>
#include <filesystem>
#include <fstream>
#include <sodium.h>

using namespace accred;
using accred::test::demo_roster;
using accred::test::make_workspace;

namespace {

constexpr std::uint64_t kMorning = 1396000000; // 2014-03-28
constexpr int kRevoked = 4000;                 // some 20 leaf pages of 4 KiB

// Signs nothing: rows enough for the revocations to span many pages, for someone on the roster.
void add_revoked_credentials(Desk& desk) {
    REQUIRE(in_transaction(desk.db(), [&]() -> Status {
        for (int i = 0; i < kRevoked; ++i) {
            StoredCredential c;
            randombytes_buf(c.cti.data(), c.cti.size());
            c.holder = "D001";
            c.issue = static_cast<std::uint32_t>(100 + i);
            c.text = "AC1:placeholder";
            c.issued_at = kMorning;
            if (auto s = desk.store_credential(c); !s) return s;
            if (auto s = desk.revoke(c.cti, "test revocation " + std::to_string(i), kMorning); !s)
                return s;
        }
        return success();
    }));
}


std::uint32_t big_endian(const std::string& b, std::size_t at, int bytes) {
    std::uint32_t v = 0;
    for (int i = 0; i < bytes; ++i) v = (v << 8) | static_cast<std::uint8_t>(b[at + i]);
    return v;
}

// Overwrites the middle child of the b-tree rooted at root (an interior page whose children
// are leaves, by the SQLite file format) with garbage; returns that page's number.
std::uint32_t corrupt_middle_leaf(const std::string& path, std::int64_t root) {
    auto file = read_small_file(path, 64u << 20);
    REQUIRE(file);
    std::string db = std::move(file).value();
    std::uint32_t page_size = big_endian(db, 16, 2);
    if (page_size == 1) page_size = 65536;
    const std::size_t at = static_cast<std::size_t>(root - 1) * page_size;
    const auto type = static_cast<std::uint8_t>(db[at]);
    REQUIRE((type == 0x05 || type == 0x02)); // an interior table or index page
    std::vector<std::uint32_t> children;
    const std::uint32_t cells = big_endian(db, at + 3, 2);
    for (std::uint32_t i = 0; i < cells; ++i)
        children.push_back(big_endian(db, at + big_endian(db, at + 12 + 2 * i, 2), 4));
    children.push_back(big_endian(db, at + 8, 4));
    REQUIRE(children.size() >= 5);
    const std::uint32_t victim = children[children.size() / 2];
    const std::size_t victim_at = std::size_t{victim - 1} * page_size;
    const auto leaf = static_cast<std::uint8_t>(db[victim_at]);
    REQUIRE((leaf == 0x0D || leaf == 0x0A)); // a leaf, not the open's business
    std::fstream out(path, std::ios::in | std::ios::out | std::ios::binary);
    out.seekp(static_cast<std::streamoff>(victim_at));
    out << std::string(page_size, '\xA5');
    out.close();
    REQUIRE(out);
    return victim;
}

std::string export_version(Desk& desk) {
    return accred::test::sql_value(desk, "SELECT value FROM meta WHERE key = 'export_version'");
}

} // namespace

TEST_CASE("A revocation list that cannot be read is not exported", "[desk][read_error]") {
    auto ws = make_workspace();
    REQUIRE(ws.desk.import_people(demo_roster(), kMorning));
    auto ids = ws.desk.person_ids();
    REQUIRE(ids);
    REQUIRE(issue_credentials(ws.desk, ws.key, ids.value(), kMorning, {}));
    add_revoked_credentials(ws.desk);
    REQUIRE(ws.desk.revocation_list(1, kMorning)->revoked.size() == kRevoked);
    const std::string path = ws.dir + "/desk.db";
    // Both b-trees a read of the revocations may walk: the table and its index on cti.
    const auto root = [&](const std::string& name) {
        return std::stoll(accred::test::sql_value(
            ws.desk, "SELECT rootpage FROM sqlite_schema WHERE name = ?1", {name}));
    };
    const std::int64_t table = root("revocations");
    const std::int64_t index = root("sqlite_autoindex_revocations_1");
    ws.desk.db().close(); // the last connection: the WAL is checkpointed into desk.db
    REQUIRE_FALSE(std::filesystem::exists(path + "-wal"));
    corrupt_middle_leaf(path, table);
    corrupt_middle_leaf(path, index);

    auto desk = Desk::open(ws.dir); // the open reads meta and the schema, still whole
    REQUIRE(desk);
    const std::string version = export_version(desk.value());

    auto list = desk->next_revocation_list(kMorning);
    REQUIRE_FALSE(list);
    CHECK_THAT(list.error().message,
               Catch::Contains("cannot read the revocations") && Catch::Contains("malformed"));
    auto bundle = export_bundle_bytes(desk.value(), ws.key, {kMorning, std::nullopt});
    REQUIRE_FALSE(bundle);
    CHECK_THAT(bundle.error().message, Catch::Contains("cannot read the revocations"));
    CHECK(export_version(desk.value()) == version); // no export version taken either
    desk->db().close();

    // The commands refuse, say why, and create no file.
    const std::string update = ws.tmp->file("revocations.update");
    auto run = accred::test::run_desk_command(
        ws, {"revocations", "--out", update, "--now", "2014-03-28T10:00:00Z"});
    CHECK(run.exit_code == 2);
    CHECK_THAT(run.err, Catch::Contains("cannot read the revocations"));
    CHECK_FALSE(std::filesystem::exists(update));
    const std::string bundle_file = ws.tmp->file("kiosk.bundle");
    run = accred::test::run_desk_command(
        ws, {"bundle", "--out", bundle_file, "--now", "2014-03-28T10:00:00Z"});
    CHECK(run.exit_code == 2);
    CHECK_THAT(run.err, Catch::Contains("cannot read the revocations"));
    CHECK_FALSE(std::filesystem::exists(bundle_file));
    CHECK_FALSE(std::filesystem::exists(ws.dir + "/exports"));
    // An existing file is left as it was.
    REQUIRE(write_new_file(update, as_bytes(std::string("an older update")), 0644));
    run = accred::test::run_desk_command(
        ws, {"revocations", "--out", update, "--now", "2014-03-28T10:00:00Z"});
    CHECK(run.exit_code == 2);
    CHECK(read_small_file(update, 1024).value() == "an older update");
}

TEST_CASE("A damaged export counter is an error, not an exception or a wrong version",
          "[desk][read_error]") {
    auto ws = make_workspace();
    auto first = ws.desk.next_export_version();
    REQUIRE(first);
    auto second = ws.desk.next_export_version();
    REQUIRE(second);
    CHECK(second.value() == first.value() + 1);
    // Past INT64_MAX, SQLite's CAST saturates and + 1 turns the value into a real number
    // ("9.22337203685478e+18"), whose leading "9" a lenient parse would take for the version.
    REQUIRE(ws.desk.db().exec("UPDATE meta SET value = '99999999999999999999' "
                              "WHERE key = 'export_version'"));
    auto damaged = ws.desk.next_export_version();
    REQUIRE_FALSE(damaged);
    CHECK_THAT(damaged.error().message, Catch::Contains("export counter is damaged"));
    CHECK(accred::test::sql_value(ws.desk, "SELECT value FROM meta WHERE key = 'export_version'") ==
          "99999999999999999999"); // rolled back: nothing changed
}
