// The screen's words: the real assets/kiosk/strings.toml is complete in every language it lists,
// a strings file that would leave a guard looking at a blank or a key name is refused (naming the
// language and the key), and get() fills in placeholders.
#include "crypto/reason.h"
#include "kiosk/screen/screen_text.h"
#include "kiosk/screen/shipped_strings.h"

#include <algorithm>
#include <catch2/catch.hpp>
#include <cctype>
#include <set>

using namespace accred;
using accred::test::language_index;

namespace {

const std::vector<std::string> kTwoKeys = {"greeting", "verdict.granted"};

std::string parse_error(const std::string& toml,
                        const std::vector<std::string>& required = kTwoKeys) {
    auto text = ScreenText::parse(toml, "test.toml", required);
    REQUIRE_FALSE(text);
    return text.error().message;
}

} // namespace

TEST_CASE("The real strings file loads with every key the screen uses, in en, fr and nl",
          "[screen][text]") {
    const ScreenText text = test::shipped_strings();
    REQUIRE(text.language_count() >= 3);
    std::set<std::string> codes;
    for (std::size_t i = 0; i < text.language_count(); ++i)
        codes.insert(text.language_code(i));
    CHECK(codes.contains("en"));
    CHECK(codes.contains("fr"));
    CHECK(codes.contains("nl"));
    CHECK(text.language_code(0) == "en"); // the first language is the reference and the default
}

TEST_CASE("Every required key has real words in every language", "[screen][text]") {
    const ScreenText text = test::shipped_strings();
    const auto keys = screen_required_keys();
    // The vocabulary: a reason and an action for every reason code, and no key twice.
    CHECK(std::set<std::string>(keys.begin(), keys.end()).size() == keys.size());
    for (int r = 0; r <= static_cast<int>(Reason::internal_error); ++r) {
        const std::string name(reason_name(static_cast<Reason>(r)));
        CHECK(std::find(keys.begin(), keys.end(), "reason." + name) != keys.end());
        CHECK(std::find(keys.begin(), keys.end(), "action." + name) != keys.end());
    }
    for (std::size_t l = 0; l < text.language_count(); ++l) {
        for (const auto& key : keys) {
            CAPTURE(text.language_code(l), key);
            CHECK(text.has(key));
            const std::string value = text.get(l, key, {"A", "B"});
            CHECK_FALSE(value.empty());
            CHECK(value != "[" + key + "]");
            CHECK(value.find('{') == std::string::npos); // every placeholder was filled
        }
    }
}

TEST_CASE("Every language has a note for each reason that can fail beside a worse one",
          "[screen][text]") {
    const ScreenText text = test::shipped_strings();
    const auto keys = screen_required_keys();
    // Every rule after the signature: the kiosk refuses to start without these keys.
    const std::set<Reason> noted(std::begin(kNotedReasons), std::end(kNotedReasons));
    for (const Reason r :
         {Reason::wrong_event, Reason::not_yet_valid, Reason::expired, Reason::revoked,
          Reason::superseded, Reason::zone_not_granted, Reason::insufficient_clearance,
          Reason::zone_closed, Reason::already_inside, Reason::escort_without_principal,
          Reason::capacity_reached, Reason::stale_revocations, Reason::clock_suspect}) {
        CAPTURE(reason_name(r));
        CHECK(noted.contains(r));
        CHECK(note_key(r) == "note." + std::string(reason_name(r)));
    }
    const std::size_t en = language_index(text, "en");
    for (std::size_t l = 0; l < text.language_count(); ++l) {
        CAPTURE(text.language_code(l));
        for (const Reason r : kNotedReasons) {
            const std::string key = note_key(r);
            CAPTURE(key);
            CHECK(std::find(keys.begin(), keys.end(), key) != keys.end());
            const std::string note = text.get(l, key, {"X"});
            CHECK_FALSE(note.empty());
            CHECK(note != "[" + key + "]");
            // A note follows "Also:" and a separator: it does not start a sentence.
            CHECK_FALSE(std::isupper(static_cast<unsigned char>(note.front())));
            if (l != en) CHECK(note != text.get(en, key, {"X"}));
        }
        // The line template carries the notes it is given.
        CHECK(text.get(l, "note.also", {"N1; N2"}).find("N1; N2") != std::string::npos);
        CHECK(text.get(l, "note.separator").find(';') != std::string::npos);
    }
}

TEST_CASE("French and Dutch verdict titles are translated, not copied from English",
          "[screen][text]") {
    const ScreenText text = test::shipped_strings();
    const std::size_t en = language_index(text, "en");
    for (const char* code : {"fr", "nl"}) {
        const std::size_t l = language_index(text, code);
        for (const char* key :
             {"verdict.granted", "verdict.denied", "verdict.exit", "verdict.override"}) {
            CAPTURE(code, key);
            CHECK(text.get(l, key) != text.get(en, key));
        }
        CHECK(text.get(l, "language_name") != text.get(en, "language_name"));
    }
}

TEST_CASE("get() fills {0} and {1} and shows an unknown key as [key]", "[screen][text]") {
    auto parsed = ScreenText::parse(R"(
languages = ["en", "fr"]
[en]
greeting = "Hello {0}, you are {1}"
verdict.granted = "{1} before {0}"
[fr]
greeting = "Bonjour {0}, vous êtes {1}"
verdict.granted = "{1} avant {0}"
)",
                                    "test.toml", kTwoKeys);
    INFO((parsed ? std::string() : parsed.error().message));
    REQUIRE(parsed);
    const ScreenText& text = parsed.value();
    REQUIRE(text.language_count() == 2);
    CHECK(text.language_code(1) == "fr");
    CHECK(text.get(0, "greeting", {"Ann", "inside"}) == "Hello Ann, you are inside");
    CHECK(text.get(1, "greeting", {"Ann", "dedans"}) == "Bonjour Ann, vous êtes dedans");
    CHECK(text.get(0, "verdict.granted", {"x", "y"}) == "y before x");
    CHECK(text.get(0, "no.such.key") == "[no.such.key]");
    CHECK(text.get(1, "no.such.key", {"a"}) == "[no.such.key]");
    CHECK(text.has("verdict.granted"));
    CHECK_FALSE(text.has("verdict"));
    CHECK_FALSE(text.has("no.such.key"));
}

TEST_CASE("A language lacking a key is refused, naming the language and the key",
          "[screen][text]") {
    const std::string error = parse_error(R"(
languages = ["en", "nl"]
[en]
greeting = "Hello"
verdict.granted = "GRANTED"
[nl]
greeting = "Hallo"
)");
    CHECK_THAT(error, Catch::Contains("test.toml"));
    CHECK_THAT(error, Catch::Contains("nl"));
    CHECK_THAT(error, Catch::Contains("verdict.granted"));
}

TEST_CASE("The first language lacking a required key is refused, naming the key",
          "[screen][text]") {
    const std::string error = parse_error(R"(
languages = ["en"]
[en]
greeting = "Hello"
)");
    CHECK_THAT(error, Catch::Contains("en"));
    CHECK_THAT(error, Catch::Contains("verdict.granted"));
}

TEST_CASE("A language with a key the first one lacks is refused, naming both", "[screen][text]") {
    const std::string error = parse_error(R"(
languages = ["en", "fr"]
[en]
greeting = "Hello"
verdict.granted = "GRANTED"
[fr]
greeting = "Bonjour"
verdict.granted = "ACCÈS AUTORISÉ"
verdict.extra = "En trop"
)");
    CHECK_THAT(error, Catch::Contains("fr"));
    CHECK_THAT(error, Catch::Contains("verdict.extra"));
}

TEST_CASE("A value that is not text is refused, naming the language and the key",
          "[screen][text]") {
    const std::string error = parse_error(R"(
languages = ["en", "fr"]
[en]
greeting = "Hello"
verdict.granted = "GRANTED"
[fr]
greeting = "Bonjour"
verdict.granted = 42
)");
    CHECK_THAT(error, Catch::Contains("fr"));
    CHECK_THAT(error, Catch::Contains("verdict.granted"));
    CHECK_THAT(error, Catch::Contains("not text"));
}

TEST_CASE("An empty text is refused: a guard never sees a blank", "[screen][text]") {
    const std::string error = parse_error(R"(
languages = ["en"]
[en]
greeting = ""
verdict.granted = "GRANTED"
)");
    CHECK_THAT(error, Catch::Contains("en"));
    CHECK_THAT(error, Catch::Contains("greeting"));
}

TEST_CASE("A file without a languages list is refused", "[screen][text]") {
    const std::string missing = parse_error(R"(
[en]
greeting = "Hello"
verdict.granted = "GRANTED"
)");
    CHECK_THAT(missing, Catch::Contains("test.toml"));
    CHECK_THAT(missing, Catch::Contains("languages"));
    const std::string empty = parse_error(R"(
languages = []
[en]
greeting = "Hello"
verdict.granted = "GRANTED"
)");
    CHECK_THAT(empty, Catch::Contains("languages"));
}

TEST_CASE("A listed language without its table is refused, naming it", "[screen][text]") {
    const std::string error = parse_error(R"(
languages = ["en", "de"]
[en]
greeting = "Hello"
verdict.granted = "GRANTED"
)");
    CHECK_THAT(error, Catch::Contains("de"));
    CHECK_THAT(error, Catch::Contains("[de]"));
}

TEST_CASE("Malformed TOML is refused with the file and line", "[screen][text]") {
    // Line 4 has an unterminated string.
    const std::string error = parse_error("languages = [\"en\"]\n"
                                          "[en]\n"
                                          "greeting = \"Hello\"\n"
                                          "verdict.granted = \"GRANTED\n");
    CHECK_THAT(error, Catch::StartsWith("test.toml:4:"));
}

TEST_CASE("Loading a file that does not exist is refused, naming it", "[screen][text]") {
    const std::string path = std::string(ACCRED_ASSETS_DIR) + "/kiosk/no-such-strings.toml";
    auto text = ScreenText::load(path, screen_required_keys());
    REQUIRE_FALSE(text);
    CHECK_THAT(text.error().message, Catch::Contains("no-such-strings.toml"));
}
