// Zone, category and gate names in the screen's languages: optional name_fr / name_nl in the
// event definition, checked as names are, shown in their language and falling back to name.
#include "event/event_toml.h"
#include "event/localized_name.h"
#include "support/demo_event.h"

#include <catch2/catch.hpp>

using namespace accred;

namespace {

const std::string kEvent = R"([event]
id = "t"
name = "Test"
time_zone = "Europe/Brussels"
days = ["2014-03-31"]

[[zones]]
id = "hall"
name = "Hall"
name_fr = "Salle"
name_nl = "Zaal"

[[categories]]
id = "guest"
name = "Guest"
name_nl = "Gast"
rank = 0
colour = "#000000"

[[gates]]
id = "door"
name = "Door"
name_fr = "Porte"
zone = "hall"
direction = "entry"
)";

} // namespace

TEST_CASE("Names in French and Dutch are optional and fall back to the name", "[event]") {
    auto event = parse_event_toml(kEvent, "t.toml");
    INFO((event ? std::string() : event.error().message));
    REQUIRE(event);
    const Zone& hall = event->zones[0];
    CHECK(localized_name(hall, "fr") == "Salle");
    CHECK(localized_name(hall, "nl") == "Zaal");
    CHECK(localized_name(hall, "en") == "Hall");
    CHECK(localized_name(event->categories[0], "fr") == "Guest"); // none given: the name
    CHECK(localized_name(event->categories[0], "nl") == "Gast");
    CHECK(localized_name(event->gates[0], "fr") == "Porte");
    CHECK(localized_name(event->gates[0], "nl") == "Door");
}

TEST_CASE("A translated name is checked as a name is", "[event]") {
    std::string blank = kEvent;
    blank.replace(blank.find("\"Salle\""), 7, "\"  \"");
    auto event = parse_event_toml(blank, "t.toml");
    REQUIRE_FALSE(event);
    CHECK_THAT(event.error().message, Catch::Contains("name_fr"));
    std::string misspelt = kEvent;
    misspelt.replace(misspelt.find("name_nl = \"Zaal\""), 7, "name_de");
    REQUIRE_FALSE(parse_event_toml(misspelt, "t.toml"));
}

TEST_CASE("The demo names every zone, category and gate in French and Dutch", "[event]") {
    const EventDefinition event = accred::test::demo_event();
    for (const Zone& z : event.zones) {
        CAPTURE(z.id);
        CHECK_FALSE(z.name_fr.empty());
        CHECK_FALSE(z.name_nl.empty());
    }
    for (const Category& c : event.categories) {
        CAPTURE(c.id);
        CHECK_FALSE(c.name_fr.empty());
        CHECK_FALSE(c.name_nl.empty());
    }
    for (const Gate& g : event.gates) {
        CAPTURE(g.id);
        CHECK_FALSE(g.name_fr.empty());
        CHECK_FALSE(g.name_nl.empty());
    }
    CHECK(event.find_zone("plenary")->name_fr == "Salle plénière");
    CHECK(event.find_gate("main_gate")->name_nl == "Hoofdpoort, Kleine Zavel");
}
