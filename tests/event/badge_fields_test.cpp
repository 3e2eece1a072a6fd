// The event definition's badge fields: a zone's badge_mark and the event's logo (assets/demo/
// README.md). Both optional: an event file without them loads as before.
#include "event/event_toml.h"
#include "support/demo_event.h"

#include <catch2/catch.hpp>
#include <string>

using namespace accred;

namespace {

const std::string kHead = R"([event]
id = "t1"
name = "Test"
time_zone = "Europe/Brussels"
days = ["2014-03-31"]
)";
const std::string kCategory = R"([[categories]]
id = "c"
name = "C"
rank = 10
colour = "#000000"
zones = ["a"]
)";

std::string zone(const std::string& id, const std::string& extra = "") {
    return "[[zones]]\nid = \"" + id + "\"\nname = \"" + id + "\"\n" + extra;
}

std::string mistake(const std::string& text) {
    auto event = parse_event_toml(text, "t.toml");
    REQUIRE_FALSE(event);
    return event.error().message;
}

} // namespace

TEST_CASE("Zones print their badge mark, or their position when they have none", "[event]") {
    auto event = parse_event_toml(
        kHead + zone("a") + zone("b", "badge_mark = \"HLS\"\n") + zone("c") + kCategory, "t.toml");
    REQUIRE(event);
    CHECK(event->zones[0].badge_mark.empty());
    CHECK(badge_mark_of(event->zones[0]) == "1");
    CHECK(badge_mark_of(event->zones[1]) == "HLS");
    CHECK(badge_mark_of(event->zones[2]) == "3");
    CHECK(event->logo.empty());

    const EventDefinition& demo = test::demo_event();
    std::string marks;
    for (const Zone& z : demo.zones)
        marks += badge_mark_of(z) + " ";
    CHECK(marks == "1 2 3 HLS P B O ");
    CHECK(demo.logo == "logo.png");
}

TEST_CASE("A badge mark must be short, plain and not repeat another zone's", "[event]") {
    CHECK(mistake(kHead + zone("a", "badge_mark = \"TOOLONG\"\n") + kCategory)
              .find("t.toml:9: \"badge_mark\" in zone \"a\" must be 1 to 4 letters or digits") !=
          std::string::npos);
    CHECK(mistake(kHead + zone("a", "badge_mark = \"A B\"\n") + kCategory)
              .find("letters or digits") != std::string::npos);
    CHECK(mistake(kHead + zone("a", "badge_mark = \"\"\n") + kCategory).find("letters or digits") !=
          std::string::npos);
    // Zone b's mark "1" would repeat zone a's number: a guard could not tell them apart.
    CHECK(mistake(kHead + zone("a") + zone("b", "badge_mark = \"1\"\n") + kCategory)
              .find("t.toml:12: zone \"b\" would print badge mark \"1\", already zone \"a\"'s") !=
          std::string::npos);
}

TEST_CASE("The logo is a relative path to a PNG or JPEG file", "[event]") {
    auto with_logo = [](const std::string& logo) {
        return kHead + "logo = " + logo + "\n" + zone("a") + kCategory;
    };
    auto ok = parse_event_toml(with_logo("\"art/Logo.JPG\""), "t.toml");
    REQUIRE(ok);
    CHECK(ok->logo == "art/Logo.JPG");
    for (const char* bad : {"\"/etc/logo.png\"", "\"logo.gif\"", "\"\"", "\"logo\"", "42"}) {
        INFO(bad);
        CHECK(mistake(with_logo(bad)).find("t.toml:6:") != std::string::npos);
    }
    CHECK(mistake(with_logo("\"logo.svg\"")).find("must name a .png or .jpg file") !=
          std::string::npos);
}
