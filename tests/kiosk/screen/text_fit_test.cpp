// Wrapping and shortening text for the screen, with a width of one unit per character: lines
// never wider than asked, no words lost when all fit, and an ellipsis (never half a UTF-8
// character) when they do not.
#include "kiosk/screen/text_fit.h"

#include <catch2/catch.hpp>

using namespace accred;

namespace {

// One unit per UTF-8 character.
int characters(const std::string& s) {
    int n = 0;
    for (const unsigned char c : s)
        if ((c & 0xC0) != 0x80) ++n;
    return n;
}

const WidthOf kWidth = characters;

} // namespace

TEST_CASE("Words wrap on spaces into lines no wider than asked", "[screen][text_fit]") {
    const auto lines = wrap_words("Also: expired; outside opening hours", 16, kWidth);
    REQUIRE(lines == std::vector<std::string>{"Also: expired;", "outside opening", "hours"});
    for (const auto& l : lines)
        CHECK(characters(l) <= 16);
    // A word longer than the line stays whole, alone.
    CHECK(wrap_words("a incomprehensibilities b", 6, kWidth) ==
          std::vector<std::string>{"a", "incomprehensibilities", "b"});
    CHECK(wrap_words("", 10, kWidth).empty());
}

TEST_CASE("Text that fits is not shortened", "[screen][text_fit]") {
    CHECK(wrap_clipped("Also: area full", 20, 1, kWidth) ==
          std::vector<std::string>{"Also: area full"});
    CHECK(wrap_clipped("one two three", 7, 2, kWidth) ==
          std::vector<std::string>{"one two", "three"});
}

TEST_CASE("Text longer than its lines ends in an ellipsis that fits", "[screen][text_fit]") {
    const auto lines =
        wrap_clipped("Also: revocation data 14 h old; outside opening hours", 20, 2, kWidth);
    REQUIRE(lines.size() == 2);
    CHECK(lines[0] == "Also: revocation");
    CHECK(lines[1] == "data 14 h old\u2026"); // the separator is not left before the ellipsis
    for (const auto& l : lines)
        CHECK(characters(l) <= 20);
    // The ellipsis follows the words that fit; a last line too full for it is cut by whole
    // characters, multi-byte ones included.
    const auto cut = wrap_clipped("données révocation périmées", 10, 1, kWidth);
    REQUIRE(cut.size() == 1);
    CHECK(cut[0] == "données\u2026");
    const auto accent = wrap_clipped("ééééééé éé", 5, 1, kWidth);
    REQUIRE(accent.size() == 1);
    CHECK(accent[0] == "éééé\u2026");
    CHECK(characters(accent[0]) == 5);
    // Zero lines asked still shows one.
    CHECK(wrap_clipped("a b c", 1, 0, kWidth).size() == 1);
}
