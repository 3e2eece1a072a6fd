#include "issuer/roster_csv.h"
#include "crypto/file_io.h"
#include "support/demo_event.h"
#include "support/test_support.h"

#include <catch2/catch.hpp>
#include <filesystem>
#include <sstream>

using namespace accred;

namespace {

RosterReadOptions options() {
    RosterReadOptions o;
    o.source_name = "roster.csv";
    o.photos_dir = accred::test::demo_dir() + "/photos";
    return o;
}

const std::string kHeader = "id,name,delegation,category,days,zones,photo,escort_of\n";

std::string errors_of(const std::string& csv) {
    auto r = read_roster_csv(csv, accred::test::demo_event(), options());
    return r ? std::string() : r.error().message;
}

} // namespace

TEST_CASE("The demo roster reads completely", "[roster]") {
    auto text = read_small_file(accred::test::demo_dir() + "/roster.csv", 1 << 20);
    REQUIRE(text);
    auto people = read_roster_csv(text.value(), accred::test::demo_event(), options());
    REQUIRE(people);
    CHECK(people->size() >= 60);
    const auto jagland = std::find_if(people->begin(), people->end(),
                                      [](const Person& p) { return p.id == "P002"; });
    REQUIRE(jagland != people->end());
    CHECK(jagland->name == "Thorbjørn Jagland");
    const auto ban = std::find_if(people->begin(), people->end(),
                                  [](const Person& p) { return p.id == "P001"; });
    REQUIRE(ban != people->end());
    CHECK(ban->days == std::vector<LocalDate>{{2014, 4, 1}}); // day two only
    CHECK(!ban->photo.empty());
}

TEST_CASE("Quoted fields with commas, quotes and accents are read", "[roster]") {
    auto people = read_roster_csv(kHeader +
                                      "Z001,\"Jagland, Thorbjørn\",\"The \"\"Council\"\"\","
                                      "delegate,2014-03-31,,P002.png,\n",
                                  accred::test::demo_event(), options());
    REQUIRE(people);
    CHECK(people->at(0).name == "Jagland, Thorbjørn");
    CHECK(people->at(0).delegation == "The \"Council\"");
}

TEST_CASE("Roster mistakes are reported with their line numbers", "[roster]") {
    const std::string bad = kHeader +
                            "Z001,Good Person,UN,delegate,2014-03-31,,P002.png,\n"   // line 2
                            "Z002,Bad Cat,UN,emperor,2014-03-31,,P002.png,\n"       // line 3
                            "Z003,Bad Zone,UN,delegate,2014-03-31,throne_room,P002.png,\n"
                            "Z001,Duplicate,UN,delegate,2014-03-31,,P002.png,\n"     // line 5
                            "Z005,No Photo,UN,delegate,2014-03-31,,missing.png,\n"   // line 6
                            "Z006,Bad Day,UN,delegate,2014-05-01,,P002.png,\n"       // line 7
                            "Z007,Few,Fields\n"                                      // line 8
                            "Z008,Escort,UN,close_protection,2014-03-31,,P002.png,NOBODY\n"
                            "Z009,Not image,UN,delegate,2014-03-31,,../roster.csv,\n";
    const std::string e = errors_of(bad);
    CHECK(e.find("roster.csv:3: unknown category \"emperor\"") != std::string::npos);
    CHECK(e.find("roster.csv:4: unknown zone \"throne_room\"") != std::string::npos);
    CHECK(e.find("roster.csv:5: duplicate id Z001") != std::string::npos);
    CHECK(e.find("roster.csv:6: missing photo") != std::string::npos);
    CHECK(e.find("roster.csv:7: day 2014-05-01 is not a day of the event") != std::string::npos);
    CHECK(e.find("roster.csv:8: expected 8 fields, found 3") != std::string::npos);
    CHECK(e.find("roster.csv:9: escort_of names unknown person NOBODY") != std::string::npos);
    CHECK(e.find("roster.csv:10: photo must be a file name") != std::string::npos);
    CHECK(e.find("roster.csv:2:") == std::string::npos); // the good line is not blamed
}

TEST_CASE("A photo that is not an image is refused", "[roster]") {
    RosterReadOptions o = options();
    o.photos_dir = accred::test::demo_dir(); // roster.csv is there: a file, but not an image
    auto r = read_roster_csv(kHeader + "Z001,A,UN,delegate,2014-03-31,,roster.csv,\n",
                             accred::test::demo_event(), o);
    REQUIRE_FALSE(r);
    CHECK(r.error().message.find("roster.csv:2: photo roster.csv: not a PNG or JPEG image") !=
          std::string::npos);
}

TEST_CASE("Broken CSV and a wrong header are precise errors", "[roster]") {
    CHECK(errors_of("id,name\nZ001,x\n").find("roster.csv:1: the header must be") !=
          std::string::npos);
    CHECK(errors_of(kHeader + "Z001,\"unterminated,UN,delegate,2014-03-31,,P002.png,\n")
              .find("not valid CSV") != std::string::npos);
    CHECK(errors_of("").find("empty") != std::string::npos);
    CHECK(errors_of(kHeader).find("no people") != std::string::npos);
    CHECK(errors_of(kHeader + "Z001,Bad\x01Name,UN,delegate,2014-03-31,,P002.png,\n")
              .find("roster.csv:2: name") != std::string::npos);
}

TEST_CASE("Escorts must name a principal, not another escort", "[roster]") {
    // Two officers naming each other would each be admitted once the other is inside.
    const std::string e = errors_of(kHeader +
                                    "Z001,A,UN,close_protection,2014-03-31,,P002.png,Z002\n"
                                    "Z002,B,UN,close_protection,2014-03-31,,P002.png,Z001\n"
                                    "Z003,C,UN,close_protection,2014-03-31,,P002.png,Z004\n"
                                    "Z004,D,UN,principal,2014-03-31,,P002.png,\n");
    CHECK(e.find("roster.csv:2: escort_of names Z002, who escorts Z001") != std::string::npos);
    CHECK(e.find("roster.csv:3: escort_of names Z001, who escorts Z002") != std::string::npos);
    CHECK(e.find("roster.csv:4:") == std::string::npos); // escorting a principal is fine
}

TEST_CASE("A roster photo is read only as a file in the photos folder, never through a link",
          "[roster]") {
    accred::test::TempDir dir;
    RosterReadOptions o = options();
    o.photos_dir = dir.path().string();
    std::filesystem::copy_file(accred::test::demo_dir() + "/photos/P002.png", dir.file("real.png"));
    std::filesystem::create_symlink(accred::test::demo_dir() + "/photos/P002.png",
                                    dir.file("link.png"));
    auto ok = read_roster_csv(kHeader + "Z001,A,UN,delegate,2014-03-31,,real.png,\n",
                              accred::test::demo_event(), o);
    CHECK(ok);
    auto linked = read_roster_csv(kHeader + "Z001,A,UN,delegate,2014-03-31,,link.png,\n",
                                  accred::test::demo_event(), o);
    REQUIRE_FALSE(linked);
    CHECK_THAT(linked.error().message, Catch::Contains("is a symbolic link"));
}

namespace {

// A roster far larger than one read of the file (64 KiB): every 97th name spans two lines in
// quotes (a mistake, named with the line it starts on), and every 89th row has a wrong day.
std::string long_roster(std::size_t rows, std::vector<std::string>& expected) {
    std::string csv = kHeader;
    int line = 2;
    for (std::size_t i = 0; i < rows; ++i, ++line) {
        const std::string id = "L" + std::to_string(i);
        const bool two_lines = i % 97 == 5, bad_day = i % 89 == 7;
        csv += id + "," + (two_lines ? "\"First\nSecond\"" : "Person " + std::to_string(i)) +
               ",Delegation " + std::to_string(i % 13) + ",delegate," +
               (bad_day ? "2014-04-02" : "2014-03-31") + ",," + "P00" +
               std::to_string(1 + i % 3) + ".png,\n";
        if (two_lines)
            expected.push_back("roster.csv:" + std::to_string(line) + ": name must be");
        if (bad_day)
            expected.push_back("roster.csv:" + std::to_string(line) +
                               ": day 2014-04-02 is not a day of the event");
        if (two_lines) ++line;
    }
    return csv;
}

} // namespace

TEST_CASE("A roster read in chunks keeps every line number right", "[roster]") {
    std::vector<std::string> expected;
    const std::string csv = long_roster(1500, expected);
    REQUIRE(csv.size() > (64u << 10)); // read in two chunks at least
    REQUIRE(expected.size() > 20);
    const std::string e = errors_of(csv);
    for (const auto& line : expected) {
        CAPTURE(line);
        CHECK(e.find(line) != std::string::npos);
    }
}

TEST_CASE("Photos read on worker threads give the same people and problems as in turn",
          "[roster]") {
    std::vector<std::string> expected;
    std::string csv = long_roster(400, expected);
    const std::string good = csv;
    csv += "Z1,Missing Photo,UN,delegate,2014-03-31,,nowhere.png,\n"
           "Z2,Not an Image,UN,delegate,2014-03-31,,../roster.csv,\n";
    for (const std::string& text : {good, csv}) {
        RosterReadOptions in_turn = options(), threaded = options();
        threaded.photo_threads = 4;
        auto a = read_roster_csv(text, accred::test::demo_event(), in_turn);
        auto b = read_roster_csv(text, accred::test::demo_event(), threaded);
        REQUIRE(a.ok() == b.ok());
        if (a) CHECK(a.value() == b.value());
        else CHECK(a.error().message == b.error().message);
    }
}

TEST_CASE("The roster's people go to the sink in file order, and none after a problem",
          "[roster]") {
    const std::string csv = kHeader +
                            "Z001,A,UN,delegate,2014-03-31,,P002.png,\n"
                            "Z002,B,UN,delegate,2014-03-31,,P002.png,\n"
                            "Z003,C,UN,emperor,2014-03-31,,P002.png,\n"
                            "Z004,D,UN,delegate,2014-03-31,,P002.png,\n";
    std::istringstream in(csv);
    std::vector<std::string> seen;
    std::vector<std::pair<std::size_t, std::size_t>> progress;
    auto read = read_roster_csv(
        in, accred::test::demo_event(), options(),
        [&](const Person& p) -> Status {
            seen.push_back(p.id);
            CHECK_FALSE(p.photo.empty());
            return success();
        },
        [&](std::size_t done, std::size_t total) { progress.emplace_back(done, total); });
    REQUIRE(read);
    CHECK(read->people == 4);
    CHECK(read->problems == "roster.csv:4: unknown category \"emperor\"");
    CHECK(seen == std::vector<std::string>{"Z001", "Z002"});
    CHECK(progress.front() == std::pair<std::size_t, std::size_t>{0, 4});
    CHECK(progress.back() == std::pair<std::size_t, std::size_t>{4, 4});

    std::istringstream again(csv); // a sink that fails stops the reading with its error
    auto failed = read_roster_csv(again, accred::test::demo_event(), options(),
                                  [](const Person&) -> Status { return Error{"disk full"}; });
    REQUIRE_FALSE(failed);
    CHECK(failed.error().message == "disk full");
}

TEST_CASE("A photo file over the size limit is refused before it is read, naming its size",
          "[roster]") {
    accred::test::TempDir dir;
    RosterReadOptions o = options();
    o.photos_dir = dir.path().string();
    std::filesystem::copy_file(accred::test::demo_dir() + "/photos/P002.png", dir.file("big.png"));
    std::filesystem::resize_file(dir.file("big.png"), kMaxPhotoFileBytes + 1);
    auto r = read_roster_csv(kHeader + "Z001,A,UN,delegate,2014-03-31,,big.png,\n",
                             accred::test::demo_event(), o);
    REQUIRE_FALSE(r);
    CHECK(r.error().message == "roster.csv:2: photo big.png: the file is too large (4194305 "
                               "bytes; at most 4194304)");
}
