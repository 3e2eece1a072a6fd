#include "issuer/cli/text_columns.h"

#include <catch2/catch.hpp>

using namespace accred;

TEST_CASE("Display width: accents one column, CJK two, combining marks none", "[cli]") {
    CHECK(display_width("Reynders") == 8);
    CHECK(display_width("Kapetanović") == 11); // 12 bytes
    CHECK(display_width("Zoe\xcc\x81") == 3);  // e + combining acute
    CHECK(display_width("王小明") == 6);       // three wide characters
    CHECK(display_width("\xff\xfe") == 2);     // not UTF-8: one column a byte, never none
    CHECK(display_width("") == 0);
}

TEST_CASE("Padding to a width counts columns, not bytes", "[cli]") {
    CHECK(pad_to_width("Kapetanović", 13) == "Kapetanović  ");
    CHECK(pad_to_width("王小明", 8) == "王小明  ");
    CHECK(pad_to_width("too wide", 3) == "too wide");
}
