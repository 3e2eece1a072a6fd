#include "event/event_toml.h"

#include <algorithm>
#include <catch2/catch.hpp>
#include <filesystem>
#include <fstream>
#include <set>
#include <sodium.h>
#include <sstream>
#include <string>
#include <vector>

using namespace accred;

namespace {

std::filesystem::path demo_dir() {
    return ACCRED_DEMO_DIR; // set by tests/CMakeLists.txt (a path that does not depend on ccache)
}

std::string read_text(const std::filesystem::path& path) {
    std::ifstream in(path, std::ios::binary);
    std::ostringstream out;
    out << in.rdbuf();
    return out.str();
}

EventDefinition demo_event() {
    auto event = parse_event_toml(read_text(demo_dir() / "event.toml"), "event.toml");
    INFO((event ? std::string() : event.error().message));
    REQUIRE(event);
    return std::move(event).value();
}

// The error message for `text`, which must fail.
std::string mistake(const std::string& text) {
    auto event = parse_event_toml(text, "t.toml");
    REQUIRE_FALSE(event);
    return event.error().message;
}

// A valid file is assembled from these parts; the comments give their line numbers so that each
// test can say where its mistake is. kHead is lines 1-5.
const std::string kHead = R"([event]
id = "t1"
name = "Test"
time_zone = "Europe/Brussels"
days = ["2014-03-31", "2014-04-01"]
)";
// 3 lines.
const std::string kZone = R"([[zones]]
id = "a"
name = "A"
)";
// 5 lines.
const std::string kCategory = R"([[categories]]
id = "c"
name = "C"
rank = 10
colour = "#000000"
)";

// One RFC 4180 line of roster.csv split into fields (quotes only where needed).
std::vector<std::string> csv_fields(const std::string& line) {
    std::vector<std::string> fields(1);
    bool quoted = false;
    for (std::size_t i = 0; i < line.size(); ++i) {
        const char c = line[i];
        if (quoted) {
            if (c == '"' && i + 1 < line.size() && line[i + 1] == '"') {
                fields.back() += '"';
                ++i;
            } else if (c == '"') {
                quoted = false;
            } else {
                fields.back() += c;
            }
        } else if (c == '"') {
            quoted = true;
        } else if (c == ',') {
            fields.emplace_back();
        } else {
            fields.back() += c;
        }
    }
    return fields;
}

std::vector<std::string> split(const std::string& text, char separator) {
    std::vector<std::string> out;
    std::stringstream in(text);
    for (std::string part; std::getline(in, part, separator);)
        if (!part.empty()) out.push_back(part);
    return out;
}

} // namespace

TEST_CASE("The demo event parses with the expected zones, codes, categories and gates", "[event]") {
    const EventDefinition event = demo_event();
    CHECK(event.id == "gp14");
    CHECK(event.name == "International Conference on Genocide Prevention");
    CHECK(event.time_zone == "Europe/Brussels");
    CHECK(event.days == std::vector<LocalDate>{{2014, 3, 31}, {2014, 4, 1}});
    CHECK(event.revocation_max_age_minutes == 720);

    const std::vector<std::string> zones = {"grounds",          "main_building", "plenary",
                                            "hls_room",         "press_centre",  "bilateral",
                                            "organisers_office"};
    REQUIRE(event.zones.size() == zones.size());
    for (std::size_t i = 0; i < zones.size(); ++i) {
        CHECK(event.zones[i].id == zones[i]);
        CHECK(event.zones[i].code == i);
    }
    CHECK_FALSE(event.zones[0].parent);
    CHECK(event.find_zone("main_building")->parent == "grounds");
    CHECK(event.find_zone("plenary")->parent == "main_building");
    const Zone& hls = *event.find_zone("hls_room");
    CHECK(hls.parent == "plenary");
    CHECK(hls.min_rank == 80);
    CHECK(hls.capacity == 120u);
    CHECK(hls.windows == std::vector<OpeningWindow>{{{2014, 4, 1}, 14 * 60, 18 * 60}});
    CHECK(event.find_zone("bilateral")->min_rank == 60);
    CHECK(event.find_zone("organisers_office")->windows.empty());
    CHECK(event.find_zone_code(3) == &hls);
    CHECK(event.find_zone_code(7) == nullptr);
    CHECK(event.find_zone("nowhere") == nullptr);

    const std::vector<std::string> categories = {"principal", "minister",         "delegate",
                                                 "speaker",   "civil_society",    "press",
                                                 "organiser", "close_protection", "service"};
    REQUIRE(event.categories.size() == categories.size());
    std::set<std::string> colours;
    for (std::size_t i = 0; i < categories.size(); ++i) {
        CHECK(event.categories[i].id == categories[i]);
        CHECK(event.categories[i].code == i);
        colours.insert(event.categories[i].colour);
    }
    CHECK(colours.size() == categories.size()); // every band is a distinct colour
    const Category& minister = *event.find_category("minister");
    CHECK(minister.name == "Head of delegation / Minister");
    CHECK(minister.zones ==
          std::vector<std::string>{"grounds", "main_building", "plenary", "bilateral"});
    CHECK(event.find_category("principal")->rank == 100);
    CHECK(event.find_category_code(5)->id == "press");
    CHECK(event.find_category_code(9) == nullptr);
    const auto& protection = event.find_category("close_protection")->zones;
    CHECK(std::find(protection.begin(), protection.end(), "hls_room") != protection.end());
    const auto& organiser = event.find_category("organiser")->zones;
    CHECK(std::find(organiser.begin(), organiser.end(), "hls_room") == organiser.end());
    CHECK(organiser.size() == 6);

    REQUIRE(event.gates.size() == 7);
    const Gate& main_gate = *event.find_gate("main_gate");
    CHECK(main_gate.zone == "grounds");
    CHECK(main_gate.direction == Direction::entry);
    CHECK(main_gate.anti_passback == AntiPassback::hard);
    CHECK(event.find_gate("main_gate_exit")->direction == Direction::exit);
    CHECK(event.find_gate("main_gate_exit")->anti_passback == AntiPassback::none);
    CHECK(event.find_gate("building_door")->anti_passback == AntiPassback::soft);
    CHECK(event.find_gate("plenary_door")->anti_passback == AntiPassback::timed);
    CHECK(event.find_gate("plenary_door")->passback_minutes == 10);
    CHECK(event.find_gate("hls_door")->zone == "hls_room");
    CHECK(event.find_gate("hls_exit")->direction == Direction::exit);
    CHECK(event.find_gate("press_door")->anti_passback == AntiPassback::none);
    CHECK(event.find_gate("building_door")->exit_mode);
    CHECK(event.find_gate("press_door")->exit_mode);
    CHECK_FALSE(event.find_gate("main_gate")->exit_mode);
    CHECK_FALSE(event.find_gate("hls_door")->exit_mode);

    REQUIRE(event.supervisors.size() == 2);
    CHECK(event.find_supervisor("duty_officer")->pin_hash.rfind("$argon2id$v=19$", 0) == 0);
    CHECK(event.find_supervisor("deputy_officer") != nullptr);
}

TEST_CASE("The demo supervisors' hashes verify the documented demo PINs", "[event]") {
    const EventDefinition event = demo_event();
    const auto& duty = event.find_supervisor("duty_officer")->pin_hash;
    const auto& deputy = event.find_supervisor("deputy_officer")->pin_hash;
    CHECK(crypto_pwhash_str_verify(duty.c_str(), "246810", 6) == 0);
    CHECK(crypto_pwhash_str_verify(deputy.c_str(), "135790", 6) == 0);
    CHECK(crypto_pwhash_str_verify(duty.c_str(), "135790", 6) != 0);
}

TEST_CASE("roster.csv uses only the demo event's categories and zones, and every grant works",
          "[event]") {
    const EventDefinition event = demo_event();
    std::ifstream roster(demo_dir() / "roster.csv");
    std::string line;
    REQUIRE(std::getline(roster, line));
    REQUIRE(line == "id,name,delegation,category,days,zones,photo,escort_of");
    int people = 0;
    while (std::getline(roster, line)) {
        const auto fields = csv_fields(line);
        REQUIRE(fields.size() == 8);
        CAPTURE(fields[0]);
        const Category* category = event.find_category(fields[3]);
        REQUIRE(category != nullptr);
        for (const std::string& day : split(fields[4], ';')) {
            CAPTURE(day);
            CHECK((day == "2014-03-31" || day == "2014-04-01"));
        }
        for (const std::string& zone_id : split(fields[5], ';')) {
            CAPTURE(zone_id);
            const Zone* zone = event.find_zone(zone_id);
            REQUIRE(zone != nullptr);
            // The credential carries the category's rank: an extra grant must be usable.
            CHECK(category->rank >= zone->min_rank);
        }
        ++people;
    }
    CHECK(people > 0);
}

TEST_CASE("A minimal event parses with defaults", "[event]") {
    auto event = parse_event_toml(kHead + kZone + kCategory, "t.toml");
    REQUIRE(event);
    CHECK(event->revocation_max_age_minutes == 720);
    CHECK(event->zones[0].min_rank == 0);
    CHECK_FALSE(event->zones[0].capacity);
    CHECK(event->categories[0].zones.empty());
    CHECK(event->gates.empty());
    CHECK(event->supervisors.empty());
}

TEST_CASE("Days and window days may also be TOML dates", "[event]") {
    auto event = parse_event_toml(R"([event]
id = "t1"
name = "Test"
time_zone = "UTC"
days = [2014-03-31, 2014-04-01]
[[zones]]
id = "a"
name = "A"
windows = [ { day = 2014-04-01, from = "09:00", to = "24:00" } ]
)" + kCategory,
                                  "t.toml");
    REQUIRE(event);
    CHECK(event->days.back() == LocalDate{2014, 4, 1});
    CHECK(event->zones[0].windows == std::vector<OpeningWindow>{{{2014, 4, 1}, 9 * 60, 1440}});
}

TEST_CASE("Windows may be written as [[zones.windows]] tables", "[event]") {
    auto event = parse_event_toml(kHead + R"([[zones]]
id = "a"
name = "A"
[[zones.windows]]
day = "2014-03-31"
from = "08:00"
to = "12:00"
[[zones.windows]]
day = "2014-03-31"
from = "12:00"
to = "18:00"
)" + kCategory,
                                  "t.toml");
    REQUIRE(event);
    CHECK(event->zones[0].windows.size() == 2);
}

TEST_CASE("TOML syntax errors give the line", "[event][mistakes]") {
    const std::string message = mistake("[event]\nid = \"t1\nname = \"x\"\n");
    CHECK_THAT(message, Catch::StartsWith("t.toml:2: TOML syntax error: "));
    CHECK_THAT(mistake(kHead + "id = \"again\"\n"),
               Catch::StartsWith("t.toml:6: TOML syntax error: "));
    CHECK_THAT(mistake("[event\n"), Catch::StartsWith("t.toml:1: TOML syntax error: "));
}

TEST_CASE("Unknown keys are reported, with a suggestion for a typo", "[event][mistakes]") {
    // A misspelt required key is also missing: both are said, in line order.
    CHECK(mistake(kHead + kZone + R"([[categories]]
id = "c"
name = "C"
rank = 10
color = "#000000"
)") == "t.toml:9: missing key \"colour\" in category \"c\"\n"
       "t.toml:13: unknown key \"color\" in category \"c\" (did you mean \"colour\"?)");
    CHECK(mistake(kHead + kZone + kCategory + "[[gate]]\nid = \"g\"\n") ==
          "t.toml:14: unknown key \"gate\" in the top level (did you mean \"gates\"?)");
    CHECK(mistake(kHead + "banner = 1\n" + kZone + kCategory) ==
          "t.toml:6: unknown key \"banner\" in [event] (expected: id name time_zone days "
          "revocation_max_age_minutes presence_reset logo)");
    CHECK(mistake(kHead + R"([[zones]]
id = "a"
name = "A"
windows = [ { day = "2014-03-31", form = "08:00", to = "12:00" } ]
)" + kCategory) == "t.toml:9: unknown key \"form\" in a window of zone \"a\" (did you "
                   "mean \"from\"?)\n"
                   "t.toml:9: missing key \"from\" in a window of zone \"a\"");
}

TEST_CASE("Missing required keys and tables are reported", "[event][mistakes]") {
    CHECK(mistake(kZone + kCategory) ==
          "t.toml:1: missing [event] table (id, name, time_zone, days)");
    CHECK(mistake(kHead + kCategory) == "t.toml:1: no [[zones]]: an event needs at least one zone");
    CHECK(mistake(kHead + kZone) ==
          "t.toml:1: no [[categories]]: an event needs at least one category");
    CHECK(mistake(R"([event]
id = "t1"
name = "Test"
days = ["2014-03-31"]
)" + kZone + kCategory) == "t.toml:1: missing key \"time_zone\" in [event]");
    CHECK(mistake(kHead + "[[zones]]\nid = \"a\"\n" + kCategory) ==
          "t.toml:6: missing key \"name\" in zone \"a\"");
    CHECK(mistake(kHead + "[[zones]]\nname = \"A\"\n" + kCategory) ==
          "t.toml:6: missing key \"id\" in zone #1");
    CHECK(mistake(kHead + kZone + kCategory +
                  "[[gates]]\nid = \"g\"\nname = \"G\"\nzone = \"a\"\n") ==
          "t.toml:14: missing key \"direction\" in gate \"g\"");
}

TEST_CASE("Values of the wrong type are reported", "[event][mistakes]") {
    CHECK(mistake(kHead + kZone + R"([[categories]]
id = "c"
name = "C"
rank = "10"
colour = "#000000"
)") == "t.toml:12: \"rank\" in category \"c\" must be an integer, not a string");
    CHECK(mistake(kHead + "[[zones]]\nid = \"a\"\nname = \"A\"\nmin_rank = 50.0\n" + kCategory) ==
          "t.toml:9: \"min_rank\" in zone \"a\" must be an integer, not a decimal number");
    CHECK(mistake(kHead + "[zones]\nid = \"a\"\n" + kCategory) ==
          "t.toml:6: \"zones\" in the top level must be a list of tables: write [[zones]] for "
          "each entry, not a table");
    CHECK(mistake(R"([event]
id = "t1"
name = "Test"
time_zone = "UTC"
days = "2014-03-31"
)" + kZone + kCategory) == "t.toml:5: \"days\" in [event] must be an array [ ... ], not a string");
    CHECK(mistake(kHead + kZone + kCategory + "zones = 3\n") ==
          "t.toml:14: \"zones\" in category \"c\" must be an array [ ... ], not an integer");
}

TEST_CASE("Names are short single-line text", "[event][mistakes]") {
    const auto with_name = [](const std::string& name) {
        return kHead + "[[zones]]\nid = \"a\"\nname = \"" + name + "\"\n" + kCategory;
    };
    CHECK(parse_event_toml(with_name("Salle Arenberg / Arenbergzaal"), "t.toml"));
    CHECK(parse_event_toml(with_name(std::string(128, 'x')), "t.toml"));
    const std::string reason =
        "t.toml:8: \"name\" in zone \"a\" must be 1 to 128 bytes of text without control "
        "characters";
    CHECK(mistake(with_name(std::string(129, 'x'))) == reason);
    CHECK(mistake(with_name("  ")) == reason);
    CHECK(mistake(with_name("Hall\\nB")) == reason); // a TOML escape for a line feed
}

TEST_CASE("Duplicate ids are reported with the first use", "[event][mistakes]") {
    CHECK(mistake(kHead + kZone + kZone + kCategory) ==
          "t.toml:10: zone id \"a\" is used twice (first on line 7)");
    CHECK(mistake(kHead + kZone + kCategory + kCategory) ==
          "t.toml:15: category id \"c\" is used twice (first on line 10)");
    const std::string gate = "[[gates]]\nid = \"g\"\nname = \"G\"\nzone = \"a\"\ndirection = "
                             "\"exit\"\n";
    CHECK(mistake(kHead + kZone + kCategory + gate + gate) ==
          "t.toml:20: gate id \"g\" is used twice (first on line 15)");
    const std::string supervisor = "[[supervisors]]\nid = \"s\"\nname = \"S\"\npin_hash = "
                                   "\"$argon2id$v=19$m=65536,t=2,p=1$uniQIZEhHaMGyyxTxjhClw$d/"
                                   "4bj3xk3I55WifRp8V0PM8QO8YVvPzFoUPVBxgxhB0\"\n";
    CHECK(parse_event_toml(kHead + kZone + kCategory + supervisor, "t.toml"));
    CHECK(mistake(kHead + kZone + kCategory + supervisor + supervisor) ==
          "t.toml:19: supervisor id \"s\" is used twice (first on line 15)");
}

TEST_CASE("Zone parents must exist and must not loop", "[event][mistakes]") {
    CHECK(mistake(kHead + "[[zones]]\nid = \"a\"\nname = \"A\"\nparent = \"grounds\"\n" +
                  kCategory) == "t.toml:9: zone \"a\" has parent \"grounds\", which is not a zone");
    CHECK(mistake(kHead + "[[zones]]\nid = \"a\"\nname = \"A\"\nparent = \"a\"\n" + kCategory) ==
          "t.toml:9: zone parents form a loop: a -> a");
    CHECK(mistake(kHead + R"([[zones]]
id = "top"
name = "Top"
[[zones]]
id = "a"
name = "A"
parent = "c"
[[zones]]
id = "b"
name = "B"
parent = "a"
[[zones]]
id = "c"
name = "C"
parent = "b"
)" + kCategory) == "t.toml:12: zone parents form a loop: a -> c -> b -> a");
}

TEST_CASE("Categories and gates may only name existing zones", "[event][mistakes]") {
    CHECK(mistake(kHead + kZone + kCategory + "zones = [\"a\", \"press_center\"]\n") ==
          "t.toml:14: category \"c\" grants zone \"press_center\", which is not a zone");
    CHECK(mistake(kHead + kZone + kCategory + "zones = [\"a\", \"a\"]\n") ==
          "t.toml:14: category \"c\" lists zone \"a\" twice");
    CHECK(mistake(kHead + kZone + kCategory +
                  "[[gates]]\nid = \"g\"\nname = \"G\"\nzone = \"b\"\ndirection = \"entry\"\n") ==
          "t.toml:17: gate \"g\" leads to zone \"b\", which is not a zone");
}

TEST_CASE("A category may not be granted a zone above its rank", "[event][mistakes]") {
    CHECK(mistake(kHead + "[[zones]]\nid = \"a\"\nname = \"A\"\nmin_rank = 60\n" + kCategory +
                  "zones = [\"a\"]\n") ==
          "t.toml:15: category \"c\" (rank 10) grants zone \"a\", which needs rank 60");
}

TEST_CASE("Ids must be short lower-case words; the event id a little more", "[event][mistakes]") {
    CHECK(mistake(kHead + "[[zones]]\nid = \"Grounds\"\nname = \"A\"\n" + kCategory) ==
          "t.toml:7: zone id \"Grounds\" must be 1 to 32 characters of a-z, 0-9 and _");
    CHECK(mistake(kHead + "[[zones]]\nid = \"\"\nname = \"A\"\n" + kCategory) ==
          "t.toml:7: zone id \"\" must be 1 to 32 characters of a-z, 0-9 and _");
    CHECK(mistake(kHead + "[[zones]]\nid = \"" + std::string(33, 'a') + "\"\nname = \"A\"\n" +
                  kCategory) == "t.toml:7: zone id \"" + std::string(33, 'a') +
                                    "\" must be 1 to 32 characters of a-z, 0-9 and _");
    CHECK(mistake(kHead + kZone +
                  "[[categories]]\nid = \"vip-1\"\nname = \"C\"\nrank = 1\n"
                  "colour = \"#000000\"\n") ==
          "t.toml:10: category id \"vip-1\" must be 1 to 32 characters of a-z, 0-9 and _");
    const std::string event_ok = R"([event]
id = "GP-2014.v2_x"
name = "Test"
time_zone = "UTC"
days = ["2014-03-31"]
)";
    CHECK(parse_event_toml(event_ok + kZone + kCategory, "t.toml"));
    CHECK(mistake(R"([event]
id = "gp 14"
name = "Test"
time_zone = "UTC"
days = ["2014-03-31"]
)" + kZone + kCategory) == "t.toml:2: event id \"gp 14\" must be 1 to 32 characters of A-Z, "
                           "a-z, 0-9, '.', '_' and '-'");
}

TEST_CASE("Event days must be real dates, ascending, without repeats", "[event][mistakes]") {
    const auto with_days = [](const std::string& days) {
        return "[event]\nid = \"t1\"\nname = \"T\"\ntime_zone = \"UTC\"\ndays = " + days + "\n" +
               kZone + kCategory;
    };
    CHECK(mistake(with_days("[\"2014-02-30\"]")) ==
          "t.toml:5: event day \"2014-02-30\" is not a valid date \"YYYY-MM-DD\"");
    CHECK(mistake(with_days("[\"2014-4-1\"]")) ==
          "t.toml:5: event day \"2014-4-1\" is not a valid date \"YYYY-MM-DD\"");
    CHECK(mistake(with_days("[\"2014-04-01\", \"2014-03-31\"]")) ==
          "t.toml:5: event days must be in ascending order: 2014-03-31 comes after 2014-04-01");
    CHECK(mistake(with_days("[\"2014-03-31\", \"2014-03-31\"]")) ==
          "t.toml:5: event day 2014-03-31 is listed twice");
    CHECK(mistake(with_days("[]")) == "t.toml:5: \"days\" in [event] must list at least one day");
    CHECK(mistake(with_days("[1969-12-31]")) ==
          "t.toml:5: event day 1969-12-31 is outside 1970..2199");
}

TEST_CASE("Opening windows must be on event days, HH:MM, and from before to", "[event][mistakes]") {
    const auto with_window = [](const std::string& window) {
        return kHead + "[[zones]]\nid = \"a\"\nname = \"A\"\nwindows = [\n" + window + "\n]\n" +
               kCategory;
    };
    CHECK(mistake(with_window(R"({ day = "2014-04-02", from = "08:00", to = "12:00" })")) ==
          "t.toml:10: window day 2014-04-02 of zone \"a\" is not one of the event days");
    CHECK(mistake(with_window(R"({ day = "2014-04-01", from = "18:00", to = "14:00" })")) ==
          "t.toml:10: window of zone \"a\" on 2014-04-01 opens at 18:00 but closes at 14:00: "
          "\"from\" must be before \"to\"");
    CHECK(mistake(with_window(R"({ day = "2014-04-01", from = "14:00", to = "14:00" })")) ==
          "t.toml:10: window of zone \"a\" on 2014-04-01 opens at 14:00 but closes at 14:00: "
          "\"from\" must be before \"to\"");
    CHECK(mistake(with_window(R"({ day = "2014-04-01", from = "7:30", to = "14:00" })")) ==
          "t.toml:10: \"from\" in a window of zone \"a\" must be a time \"HH:MM\" (00:00 to "
          "23:59), not \"7:30\"");
    CHECK(mistake(with_window(R"({ day = "2014-04-01", from = "24:00", to = "24:00" })")) ==
          "t.toml:10: \"from\" in a window of zone \"a\" must be a time \"HH:MM\" (00:00 to "
          "23:59), not \"24:00\"");
    CHECK(mistake(with_window(R"({ day = "2014-04-01", from = "08:00", to = "24:30" })")) ==
          "t.toml:10: \"to\" in a window of zone \"a\" must be a time \"HH:MM\" (00:00 to "
          "24:00), not \"24:30\"");
    CHECK(mistake(with_window("")) == "t.toml:9: zone \"a\" has an empty windows list: leave "
                                      "\"windows\" out for a zone open all day on every event day");
    CHECK(mistake(with_window(R"({ day = "2014-04-01", from = "08:00", to = "12:00" },
{ day = "2014-04-01", from = "11:00", to = "13:00" })")) ==
          "t.toml:11: window of zone \"a\" on 2014-04-01 11:00-13:00 overlaps the one on line 10");
}

TEST_CASE("Colours are #RRGGBB and ranks 0..100", "[event][mistakes]") {
    const auto with_category = [](const std::string& rank, const std::string& colour) {
        return kHead + kZone + "[[categories]]\nid = \"c\"\nname = \"C\"\nrank = " + rank +
               "\ncolour = \"" + colour + "\"\n";
    };
    CHECK(parse_event_toml(with_category("0", "#a1B2c3"), "t.toml"));
    CHECK(parse_event_toml(with_category("100", "#FFFFFF"), "t.toml"));
    CHECK(mistake(with_category("10", "orange")) ==
          "t.toml:13: \"colour\" in category \"c\" must be \"#RRGGBB\" (six hex digits), not "
          "\"orange\"");
    CHECK(mistake(with_category("10", "#12345G")) ==
          "t.toml:13: \"colour\" in category \"c\" must be \"#RRGGBB\" (six hex digits), not "
          "\"#12345G\"");
    CHECK(mistake(with_category("101", "#000000")) ==
          "t.toml:12: \"rank\" in category \"c\" must be 0..100, not 101");
    CHECK(mistake(kHead + "[[zones]]\nid = \"a\"\nname = \"A\"\nmin_rank = -1\n" + kCategory) ==
          "t.toml:9: \"min_rank\" in zone \"a\" must be 0..100, not -1");
    CHECK(mistake(kHead + "[[zones]]\nid = \"a\"\nname = \"A\"\ncapacity = 0\n" + kCategory) ==
          "t.toml:9: \"capacity\" in zone \"a\" must be 1..1000000, not 0");
}

TEST_CASE("At most 256 zones and 256 categories: codes are one byte", "[event][mistakes]") {
    std::string zones;
    for (int i = 0; i < 256; ++i)
        zones += "[[zones]]\nid = \"z" + std::to_string(i) + "\"\nname = \"Z\"\n";
    auto full = parse_event_toml(kHead + zones + kCategory, "t.toml");
    REQUIRE(full);
    CHECK(full->zones.back().code == 255);
    // The 257th zone starts on line 5 + 256 * 3 + 1.
    CHECK(mistake(kHead + zones + "[[zones]]\nid = \"extra\"\nname = \"Z\"\n" + kCategory) ==
          "t.toml:774: more than 256 zones: a zone code is one byte");

    std::string categories;
    for (int i = 0; i < 257; ++i)
        categories += "[[categories]]\nid = \"c" + std::to_string(i) +
                      "\"\nname = \"C\"\nrank = 1\ncolour = \"#000000\"\n";
    // Line 5 + 3 + 256 * 5 + 1.
    CHECK(mistake(kHead + kZone + categories) ==
          "t.toml:1289: more than 256 categories: a category code is one byte");
}

TEST_CASE("The time zone must be an existing IANA zone", "[event][mistakes]") {
    const auto with_zone = [](const std::string& tz) {
        return "[event]\nid = \"t1\"\nname = \"T\"\ntime_zone = \"" + tz +
               "\"\ndays = [\"2014-03-31\"]\n" + kZone + kCategory;
    };
    CHECK(parse_event_toml(with_zone("UTC"), "t.toml"));
    CHECK(parse_event_toml(with_zone("America/Argentina/Buenos_Aires"), "t.toml"));
    CHECK(mistake(with_zone("Europe/Bruxelles")) ==
          "t.toml:4: unknown time zone \"Europe/Bruxelles\": no file "
          "/usr/share/zoneinfo/Europe/Bruxelles");
    for (const char* bad : {"../../etc/passwd", "/etc/localtime", "Europe/../UTC", "Europe//Paris",
                            "Europe/", "localtime", "zone.tab", "CET "}) {
        CAPTURE(bad);
        CHECK(mistake(with_zone(bad)) ==
              "t.toml:4: \"" + std::string(bad) +
                  "\" is not an IANA time zone name (such as Europe/Brussels)");
    }
    CHECK(mistake(with_zone("Europe")) ==
          "t.toml:4: unknown time zone \"Europe\": no file /usr/share/zoneinfo/Europe");
    // A leap-second zone counts seconds differently from credentials and kiosk clocks.
    if (std::filesystem::exists("/usr/share/zoneinfo/right/UTC")) {
        CHECK_THAT(mistake(with_zone("right/UTC")), Catch::Contains("leap-second records"));
    }
}

TEST_CASE("Gates: timed anti-passback needs minutes, exits have none", "[event][mistakes]") {
    const auto with_gate = [](const std::string& body) {
        return kHead + kZone + kCategory + "[[gates]]\nid = \"g\"\nname = \"G\"\nzone = \"a\"\n" +
               body;
    };
    CHECK(mistake(with_gate("direction = \"entry\"\nanti_passback = \"timed\"\n")) ==
          "t.toml:14: gate \"g\" has anti_passback \"timed\" but no passback_minutes");
    CHECK(mistake(with_gate("direction = \"entry\"\nanti_passback = \"timed\"\n"
                            "passback_minutes = 0\n")) ==
          "t.toml:20: \"passback_minutes\" in gate \"g\" must be 1..1440 (one day), not 0");
    CHECK(mistake(with_gate("direction = \"entry\"\nanti_passback = \"hard\"\n"
                            "passback_minutes = 10\n")) ==
          "t.toml:20: \"passback_minutes\" in gate \"g\" applies only to anti_passback = "
          "\"timed\"");
    CHECK(mistake(with_gate("direction = \"entry\"\nanti_passback = \"strict\"\n")) ==
          "t.toml:19: \"anti_passback\" in gate \"g\" must be \"none\", \"soft\", \"hard\" or "
          "\"timed\", not \"strict\"");
    CHECK(mistake(with_gate("direction = \"exit\"\nanti_passback = \"hard\"\n")) ==
          "t.toml:19: gate \"g\" is an exit: exits are always recorded, so anti_passback can "
          "only be \"none\"");
    CHECK(mistake(with_gate("direction = \"in\"\n")) ==
          "t.toml:18: \"direction\" in gate \"g\" must be \"entry\" or \"exit\", not \"in\"");
    auto timed = parse_event_toml(
        with_gate("direction = \"entry\"\nanti_passback = \"timed\"\npassback_minutes = 10\n"),
        "t.toml");
    REQUIRE(timed);
    CHECK(timed->gates[0].passback_minutes == 10);
    auto entry = parse_event_toml(with_gate("direction = \"entry\"\n"), "t.toml");
    REQUIRE(entry);
    CHECK(entry->gates[0].anti_passback == AntiPassback::hard); // fail-safe default
}

TEST_CASE("Gates: exit_mode is a boolean, for entry gates only", "[event][mistakes]") {
    const auto with_gate = [](const std::string& body) {
        return kHead + kZone + kCategory + "[[gates]]\nid = \"g\"\nname = \"G\"\nzone = \"a\"\n" +
               body;
    };
    CHECK(mistake(with_gate("direction = \"exit\"\nexit_mode = true\n")) ==
          "t.toml:19: gate \"g\" is already an exit: exit_mode is for entry doors also used as a "
          "way out");
    CHECK(mistake(with_gate("direction = \"entry\"\nexit_mode = \"yes\"\n")) ==
          "t.toml:19: \"exit_mode\" in gate \"g\" must be true or false");
    auto both = parse_event_toml(with_gate("direction = \"entry\"\nexit_mode = true\n"), "t.toml");
    REQUIRE(both);
    CHECK(both->gates[0].exit_mode);
    auto plain = parse_event_toml(with_gate("direction = \"entry\"\n"), "t.toml");
    REQUIRE(plain);
    CHECK_FALSE(plain->gates[0].exit_mode);
}

TEST_CASE("Supervisor PIN hashes must be Argon2id strings", "[event][mistakes]") {
    const auto with_hash = [](const std::string& hash) {
        return kHead + kZone + kCategory + "[[supervisors]]\nid = \"s\"\nname = \"S\"\n" +
               "pin_hash = \"" + hash + "\"\n";
    };
    const std::string prefix = "t.toml:17: \"pin_hash\" of supervisor \"s\" ";
    CHECK(mistake(with_hash("2468")) ==
          prefix + "must be an Argon2id hash from crypto_pwhash_str, starting \"$argon2id$\"");
    CHECK(mistake(with_hash("$argon2i$v=19$m=32768,t=4,p=1$c2FsdHNhbHRzYWx0c2FsdA$"
                            "aGFzaGhhc2hoYXNoaGFzaGhhc2hoYXNoaGFzaGhhc2g")) ==
          prefix + "must be an Argon2id hash from crypto_pwhash_str, starting \"$argon2id$\"");
    CHECK(mistake(with_hash("$argon2id$v=19$m=65536,t=2,p=1$uniQIZEhHaMGyyxTxjhClw$!!!")) ==
          prefix + "is not a valid Argon2id hash (bad salt or hash encoding)");
    CHECK(mistake(with_hash("$argon2id$v=16$m=65536,t=2,p=1$uniQIZEhHaMGyyxTxjhClw$"
                            "d/4bj3xk3I55WifRp8V0PM8QO8YVvPzFoUPVBxgxhB0")) ==
          prefix + "is not a well-formed Argon2id hash ($argon2id$v=19$m=...,t=...,p=...$...)");
    CHECK(mistake(with_hash("$argon2id$v=19$m=4194304,t=2,p=1$uniQIZEhHaMGyyxTxjhClw$"
                            "d/4bj3xk3I55WifRp8V0PM8QO8YVvPzFoUPVBxgxhB0")) ==
          prefix + "asks for more than 256 MiB or 10 passes: a kiosk would stall checking a PIN");
}

TEST_CASE("The revocation max age is 1..10080 minutes", "[event][mistakes]") {
    const auto with_age = [](const std::string& age) {
        return kHead + "revocation_max_age_minutes = " + age + "\n" + kZone + kCategory;
    };
    auto ok = parse_event_toml(with_age("10080"), "t.toml");
    REQUIRE(ok);
    CHECK(ok->revocation_max_age_minutes == 10080);
    CHECK(mistake(with_age("0")) == "t.toml:6: \"revocation_max_age_minutes\" in [event] must be "
                                    "1..10080 (one week), not 0");
    CHECK(mistake(with_age("10081")) == "t.toml:6: \"revocation_max_age_minutes\" in [event] "
                                        "must be 1..10080 (one week), not 10081");
}

TEST_CASE("Several mistakes are all reported, in line order", "[event][mistakes]") {
    CHECK(mistake(R"([event]
id = "t1"
name = "Test"
time_zone = "Mars/Olympus"
days = ["2014-03-31"]
[[zones]]
id = "a"
name = "A"
min_rank = 200
[[categories]]
id = "c"
name = "C"
rank = 10
colour = "red"
)") == "t.toml:4: unknown time zone \"Mars/Olympus\": no file /usr/share/zoneinfo/Mars/Olympus\n"
       "t.toml:9: \"min_rank\" in zone \"a\" must be 0..100, not 200\n"
       "t.toml:14: \"colour\" in category \"c\" must be \"#RRGGBB\" (six hex digits), not "
       "\"red\"");
}

TEST_CASE("Nothing throws, whatever the input", "[event][mistakes]") {
    CHECK_FALSE(parse_event_toml("", "t.toml"));
    CHECK_FALSE(parse_event_toml(std::string("\0\xff\xfe[[", 5), "t.toml"));
    CHECK_FALSE(parse_event_toml(std::string(10000, '['), "t.toml"));
    CHECK_FALSE(
        parse_event_toml("a = " + std::string(5000, '[') + std::string(5000, ']'), "t.toml"));
    CHECK_FALSE(parse_event_toml(std::string(2 * 1024 * 1024, '#'), "t.toml"));
    CHECK_FALSE(parse_event_toml("[event]\nname = \"\xc3\x28\"\n", "t.toml")); // bad UTF-8
    // Every prefix of the demo file either parses or fails cleanly.
    const std::string demo = read_text(demo_dir() / "event.toml");
    for (std::size_t n = 0; n < demo.size(); n += 97)
        (void)parse_event_toml(demo.substr(0, n), "t");
    CHECK(mistake("") == "t.toml:1: missing [event] table (id, name, time_zone, days)\n"
                         "t.toml:1: no [[zones]]: an event needs at least one zone\n"
                         "t.toml:1: no [[categories]]: an event needs at least one category");
}
