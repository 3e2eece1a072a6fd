// Text from files and badges printed for people: nothing in it can drive the terminal.
#include "issuer/audit/csv_writer.h"
#include "issuer/audit/terminal_text.h"

#include <catch2/catch.hpp>
#include <random>

using namespace accred;

TEST_CASE("Terminal text: controls, C1, bidi and bad UTF-8 are escaped; the rest kept",
          "[audit][terminal]") {
    CHECK(escape_for_terminal("D002 Adaeze Okonkwo-Bell") == "D002 Adaeze Okonkwo-Bell");
    CHECK(escape_for_terminal("Thorbjørn Jagland, Øystein, 潘基文") ==
          "Thorbjørn Jagland, Øystein, 潘基文");
    CHECK(escape_for_terminal("\x1b[2KAll logs verified.") == "\\x1B[2KAll logs verified.");
    CHECK(escape_for_terminal("a\nb\rc\td\x7f") == "a\\x0Ab\\x0Dc\\x09d\\x7F");
    CHECK(escape_for_terminal(std::string("nul\0!", 5)) == "nul\\x00!");
    CHECK(escape_for_terminal("\xc2\x9b" "31m") == "\\x9B31m");           // C1 CSI
    CHECK(escape_for_terminal("abc\xe2\x80\xae" "def") == "abc\\u202Edef"); // RLO
    CHECK(escape_for_terminal("\xe2\x81\xa6x\xe2\x81\xa9") == "\\u2066x\\u2069"); // isolates
    CHECK(escape_for_terminal("\xff\xc3") == "\\xFF\\xC3");                 // not UTF-8
    CHECK(escape_for_terminal("\xed\xa0\x80") == "\\xED\\xA0\\x80");        // a surrogate
    CHECK(escape_for_terminal("\xc0\xaf") == "\\xC0\\xAF");                 // overlong '/'
}

TEST_CASE("Terminal text: random bytes never come out with a control byte or an override",
          "[audit][terminal]") {
    std::mt19937 rng(15);
    for (int round = 0; round < 2000; ++round) {
        std::string in(static_cast<std::size_t>(rng() % 40), '\0');
        for (char& c : in) c = static_cast<char>(rng() % 256);
        const std::string out = escape_for_terminal(in);
        for (unsigned char c : out) CHECK((c >= 0x20 && c != 0x7f));
        CHECK(out.find("\xe2\x80\xae") == std::string::npos);
        CHECK(out.find("\xc2\x9b") == std::string::npos);
        // A CSV field made of it is one line, always.
        CHECK(CsvWriter::field(in).find_first_of("\r\n") == std::string::npos);
    }
}
