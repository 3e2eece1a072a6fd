// issuer roster import on generated rosters of a few hundred people (issue 18: the import
// streams the file and the photos into one transaction): every mistake reported with its line
// and nothing written, a re-import updating just what changed, and no progress bar in a pipe.
#include "issuer/cli/commands.h"
#include "issuer/desk_workspace.h"
#include "support/demo_event.h"
#include "terminal_fd.h"

#include <algorithm>
#include <catch2/catch.hpp>
#include <cstdio>
#include <cstdlib>
#include <filesystem>
#include <fstream>
#include <map>
#include <nlohmann/json.hpp>
#include <string>
#include <vector>

using namespace accred;
namespace fs = std::filesystem;

namespace {

constexpr const char* kNow = "2014-03-28T08:00:00Z";
constexpr const char* kLater = "2014-03-28T10:00:00Z";
const char* const kPortraits[] = {"P001.png", "P002.png", "M001.png", "D001.png", "C001.png"};

// A roster of n people in delegations of ten (a principal, their close protection, delegates),
// as rows of fields; each person has their own photo file, a copy of a demo portrait.
struct Roster {
    fs::path dir;
    std::vector<std::vector<std::string>> rows;

    std::string id(std::size_t i) const { return rows[i][0]; }
    std::string csv() const { return (dir / "roster.csv").string(); }
    void set_photo(std::size_t i, const char* portrait) const {
        fs::copy_file(test::demo_dir() + "/photos/" + portrait, dir / "photos" / rows[i][6],
                      fs::copy_options::overwrite_existing);
    }
    void write() const {
        std::ofstream out(csv(), std::ios::trunc);
        out << "id,name,delegation,category,days,zones,photo,escort_of\n";
        for (const auto& row : rows) {
            for (std::size_t f = 0; f < row.size(); ++f) out << (f ? "," : "") << row[f];
            out << "\n";
        }
    }
};

Roster make_roster(const test::Workspace& ws, std::size_t n) {
    Roster r{fs::path(ws.tmp->file("roster")), {}};
    fs::create_directories(r.dir / "photos");
    for (std::size_t i = 0; i < n; ++i) {
        auto id_of = [](std::size_t k) {
            const std::string digits = std::to_string(k);
            return "T" + std::string(4 - std::min<std::size_t>(4, digits.size()), '0') + digits;
        };
        const std::string id = id_of(i), principal_id = id_of(i - i % 10);
        const std::string category = i % 10 == 0   ? "principal"
                                     : i % 10 == 1 ? "close_protection"
                                                   : "delegate";
        r.rows.push_back({id, "Person " + std::to_string(i),
                          "Delegation " + std::to_string(i / 10), category,
                          i % 3 ? "2014-03-31;2014-04-01" : "2014-04-01", "",
                          id + ".png", i % 10 == 1 ? principal_id : ""});
        r.set_photo(i, kPortraits[i % 5]);
    }
    r.write();
    return r;
}

test::CommandRun run_import(const test::Workspace& ws, const Roster& r, const char* now,
                        bool json = false) {
    std::vector<std::string> args = {"roster", "import", r.csv(), "--now", now};
    if (json) args.emplace_back("--json");
    return test::run_desk_command(ws, args);
}

// Everything import writes, row by row: the people with their photos, and the delegations.
std::string desk_rows(test::Workspace& ws) {
    return test::sql_value(
        ws.desk,
        "SELECT (SELECT count(*) FROM people) || '|' || (SELECT group_concat(r, '|') FROM "
        "(SELECT id || ',' || name || ',' || delegation || ',' || category || ',' || days || "
        "',' || zones || ',' || ifnull(escort_of, '-') || ',' || hex(photo) || ',' || "
        "updated_at AS r FROM people ORDER BY id)) || '|' || (SELECT ifnull(group_concat(d, "
        "'|'), '') FROM (SELECT code || '=' || name AS d FROM delegations ORDER BY code))");
}

std::string person_field(test::Workspace& ws, const std::string& column, const std::string& id) {
    return test::sql_value(ws.desk, "SELECT " + column + " FROM people WHERE id = ?1", {id});
}

} // namespace

TEST_CASE("A roster with many mistakes reports each with its line and writes nothing",
          "[roster][import]") {
    auto ws = test::make_workspace();
    Roster roster = make_roster(ws, 300);
    REQUIRE(run_import(ws, roster, kNow).exit_code == kExitOk);
    const std::string before = desk_rows(ws);
    REQUIRE(before.starts_with("300|"));

    // Good changes (which must not be applied either) and ten different mistakes.
    roster.rows[4][1] = "Renamed Person";
    roster.rows.push_back({"T9999", "New Person", "New Delegation", "delegate", "2014-03-31",
                           "", "T0000.png", ""});
    std::map<std::size_t, std::string> mistakes; // row index -> message
    auto spoil = [&](std::size_t i, std::size_t field, const std::string& value,
                     const std::string& message) {
        roster.rows[i][field] = value;
        mistakes[i] = message;
    };
    spoil(12, 3, "emperor", "unknown category \"emperor\"");
    spoil(45, 4, "2014-05-01", "day 2014-05-01 is not a day of the event");
    spoil(83, 6, "missing.png", "missing photo: ");
    spoil(124, 0, "T0002", "duplicate id T0002");
    spoil(203, 5, "throne_room", "unknown zone \"throne_room\"");
    spoil(236, 7, "NOBODY", "escort_of names unknown person NOBODY");
    spoil(265, 1, "Bad\x01Name", "name must be 1-64 bytes of UTF-8 text");
    spoil(292, 6, "../T0001.png", "photo must be a file name in the photos folder");
    spoil(297, 6, "fake.png", "photo fake.png: not a PNG or JPEG image");
    std::ofstream(roster.dir / "photos" / "fake.png") << "not an image";
    roster.rows[157].resize(3);
    mistakes[157] = "expected 8 fields, found 3";
    roster.write();

    auto run = run_import(ws, roster, kLater);
    CHECK(run.exit_code == kExitRefused);
    CHECK_THAT(run.err, Catch::StartsWith("issuer: the roster has errors; nothing was imported"));
    for (const auto& [i, message] : mistakes) {
        CAPTURE(i);
        CHECK_THAT(run.err, Catch::Contains(roster.csv() + ":" + std::to_string(i + 2) + ": " +
                                            message));
    }
    const auto reported = std::count(run.err.begin(), run.err.end(), '\n') - 1;
    CHECK(reported == static_cast<long>(mistakes.size()));
    CHECK(desk_rows(ws) == before); // not one row added, changed or removed
    CHECK(person_field(ws, "name", "T0004") == "Person 4");
}

TEST_CASE("Re-importing a large roster updates just the people who changed", "[roster][import]") {
    auto ws = test::make_workspace();
    Roster roster = make_roster(ws, 300);
    auto first = run_import(ws, roster, kNow, true);
    REQUIRE(first.exit_code == kExitOk);
    const auto added = nlohmann::json::parse(first.out);
    CHECK(added["added"].size() == 300);
    CHECK(added["unchanged"] == 0);
    const std::string old_stamp = person_field(ws, "updated_at", "T0005");
    const std::string old_photo = person_field(ws, "hex(photo)", "T0033");

    roster.rows[5][1] = "Renamed Person";
    roster.rows[17][4] = "2014-03-31";
    roster.set_photo(33, "C001.png"); // was D001.png (33 % 5 == 3)
    roster.rows.push_back({"T0300", "New Person", "Delegation 30", "delegate", "2014-03-31", "",
                           "T0000.png", ""});
    roster.write();
    auto again = run_import(ws, roster, kLater, true);
    REQUIRE(again.exit_code == kExitOk);
    const auto report = nlohmann::json::parse(again.out);
    CHECK(report["added"] == nlohmann::json::array({"T0300"}));
    CHECK(report["changed"] ==
          nlohmann::json::array({"T0005: name", "T0017: days", "T0033: photo"}));
    CHECK(report["unchanged"] == 297);
    CHECK(report["withdrawn"] == nlohmann::json::array());

    CHECK(test::sql_value(ws.desk, "SELECT count(*) FROM people") == "301");
    CHECK(person_field(ws, "name", "T0005") == "Renamed Person");
    CHECK(person_field(ws, "days", "T0017") == "2014-03-31");
    CHECK(person_field(ws, "hex(photo)", "T0033") != old_photo);
    CHECK(person_field(ws, "updated_at", "T0005") != old_stamp);
    CHECK(person_field(ws, "updated_at", "T0006") == old_stamp); // unchanged: left alone
    CHECK(test::sql_value(ws.desk, "SELECT count(*) FROM delegations") == "31");

    auto human = run_import(ws, roster, kLater); // the same file again: nothing to do
    REQUIRE(human.exit_code == kExitOk);
    CHECK_THAT(human.out, Catch::StartsWith("Imported 301 people from " + roster.csv() +
                                            ": 0 added, 0 changed, 301 unchanged\n"));
}

TEST_CASE("roster import draws its progress bar only when stderr is a terminal",
          "[roster][import][progress]") {
    auto ws = test::make_workspace();
    const std::string csv = test::demo_dir() + "/roster.csv";
    const std::vector<std::string> args = {"roster", "import", csv, "--now", kNow};
    {
        std::FILE* file = std::tmpfile();
        REQUIRE(file);
        test::StderrOnto redirected(::fileno(file));
        auto run = test::run_desk_command(ws, args);
        std::fclose(file);
        CHECK(run.exit_code == kExitOk);
        CHECK(run.err.empty()); // no bar, not even a carriage return
    }
    test::Terminal terminal;
    if (!terminal.ok()) {
        WARN("no pseudo-terminal here; the terminal case is not checked");
        return;
    }
    test::StderrOnto on_terminal(terminal.fd());
    auto shown = test::run_desk_command(ws, args);
    CHECK(shown.exit_code == kExitOk);
    CHECK_THAT(shown.err, Catch::Contains("\rImporting [##############################] 74/74\n"));
    std::vector<std::string> json_args = args;
    json_args.emplace_back("--json");
    auto json = test::run_desk_command(ws, json_args); // --json is for scripts: no bar
    CHECK(json.exit_code == kExitOk);
    CHECK(json.err.empty());
}
