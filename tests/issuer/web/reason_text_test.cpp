// The desk's words for the reasons are the kiosk's (assets/kiosk/strings.toml), in every language.
#include "crypto/file_io.h"
#include "crypto/reason.h"
#include "issuer/web/reason_text.h"

#include <catch2/catch.hpp>
#include <map>
#include <regex>
#include <sstream>

using namespace accred;

TEST_CASE("Web reason words: the kiosk's own, for every reason", "[web]") {
    auto text = read_small_file(std::string(ACCRED_ASSETS_DIR) + "/kiosk/strings.toml", 1 << 20);
    REQUIRE(text);
    std::map<std::string, std::map<std::string, std::string>> kiosk; // lang -> key -> words
    std::string lang;
    const std::regex section(R"(^\[(\w+)\])"), entry(R"re(^reason\.(\w+) = "(.*)"$)re");
    std::istringstream lines(std::string(text->begin(), text->end()));
    for (std::string line; std::getline(lines, line);) {
        std::smatch m;
        if (std::regex_search(line, m, section))
            lang = m[1];
        else if (std::regex_match(line, m, entry))
            kiosk[lang]["reason_" + m[1].str()] = m[2];
    }
    std::map<std::string, const TextEntry*> desk;
    for (const TextEntry& e : reason_texts())
        desk[e.key] = &e;
    for (int r = 0; r <= static_cast<int>(Reason::internal_error); ++r) {
        const std::string key = "reason_" + std::string(reason_name(static_cast<Reason>(r)));
        INFO(key);
        REQUIRE(desk.count(key) == 1);
        CHECK(desk[key]->en == kiosk["en"][key]);
        CHECK(desk[key]->fr == kiosk["fr"][key]);
        CHECK(desk[key]->nl == kiosk["nl"][key]);
    }
}
