#include "issuer/roster_csv.h"
#include "crypto/file_io.h"
#include "support/demo_event.h"
#include "support/test_support.h"

#include <catch2/catch.hpp>
#include <filesystem>

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
