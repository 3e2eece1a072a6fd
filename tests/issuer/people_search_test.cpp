// Search as you type: folding, matching, ranking and limits, and the index against a plain
// scan over 100,000 generated people.
#include "generated_people.h"
#include "issuer/people_search.h"

#include <algorithm>
#include <catch2/catch.hpp>

using namespace accred;

namespace {

std::vector<std::string> ids(const std::vector<PersonSummary>& people) {
    std::vector<std::string> out;
    for (const auto& p : people)
        out.push_back(p.id);
    return out;
}

const PeopleSearch& small_search() {
    static const PeopleSearch search({
        {"P001", "Élodie Dûbois-Łukasz", "Côte d'Ivoire", "delegate"},
        {"P002", "Thorbjørn Jagland", "Council of Europe", "principal"},
        {"P010", "Seán O'Brien", "Ireland", "press"},
        {"P0100", "Anna Strauß", "Germany", "delegate"},
        {"EL1", "Zoë Brontë", "United Kingdom", "staff"},
        {"X9", "Ana Elo", "Norway", "delegate"},
        {"X10", "Bob Smith", "Élysée Press", "press"},
        {"X11", "Ωmega Ελένη", "", "staff"},
    });
    return search;
}

// The reference: every person checked in turn, by the rules find() documents.
bool starts_a_word(const std::string& text, const std::string& word) {
    auto separates = [](char c) {
        const auto u = static_cast<unsigned char>(c);
        return u < 0x80 && !std::isalnum(u);
    };
    for (std::size_t i = 0; i < text.size(); ++i)
        if (!separates(text[i]) && (i == 0 || separates(text[i - 1])) &&
            text.compare(i, word.size(), word) == 0)
            return true;
    return false;
}

// The people as the reference reads them: lower-case id, folded name and delegation.
struct FoldedPerson {
    std::string id, lower_id, name, delegation;
};
std::vector<FoldedPerson> folded(const std::vector<PersonSummary>& people) {
    std::vector<FoldedPerson> out;
    for (const auto& p : people) {
        std::string lower = p.id;
        std::transform(lower.begin(), lower.end(), lower.begin(),
                       [](unsigned char c) { return static_cast<char>(std::tolower(c)); });
        out.push_back({p.id, lower, fold_for_search(p.name), fold_for_search(p.delegation)});
    }
    return out;
}

// Every match of query, best first, by the rules find() documents.
std::vector<std::string> reference_find(const std::vector<FoldedPerson>& people,
                                        const std::string& query) {
    std::vector<std::string> words;
    std::istringstream in(fold_for_search(query));
    for (std::string w; in >> w;)
        words.push_back(w);
    if (words.empty()) return {};
    std::vector<std::tuple<int, std::string, std::string>> hits; // rank, folded name, id
    for (const auto& p : people) {
        auto all_in = [&](const std::string& text) {
            return std::all_of(words.begin(), words.end(),
                               [&](const std::string& w) { return starts_a_word(text, w); });
        };
        int rank = -1;
        if (words.size() == 1 && p.lower_id == words[0])
            rank = 0;
        else if (words.size() == 1 && p.lower_id.starts_with(words[0]))
            rank = 1;
        else if (all_in(p.name))
            rank = 2;
        else if (all_in(p.delegation))
            rank = 3;
        if (rank >= 0) hits.emplace_back(rank, p.name, p.id);
    }
    std::sort(hits.begin(), hits.end());
    std::vector<std::string> out;
    for (const auto& hit : hits)
        out.push_back(std::get<2>(hit));
    return out;
}

std::vector<std::string> first(std::vector<std::string> all, std::size_t limit) {
    all.resize(std::min(all.size(), limit));
    return all;
}

} // namespace

TEST_CASE("Folding lower-cases and strips Latin diacritics, keeps other scripts", "[search]") {
    CHECK(fold_for_search("Élodie Dûbois-Łukasz") == "elodie dubois-lukasz");
    CHECK(fold_for_search("Straße Æsir Søren Łódź Đukić Þórður Œuvre Ĳssel") ==
          "strasse aesir soren lodz dukic thordur oeuvre ijssel");
    CHECK(fold_for_search("ŞTEFAN Ștefan Țară ÀÁÂÃÄÅ àáâãäå ÇÑÝŸÿ") ==
          "stefan stefan tara aaaaaa aaaaaa cnyyy");
    CHECK(fold_for_search("MIXED Case 123 !?") == "mixed case 123 !?");
    CHECK(fold_for_search("Ελένη 東京 ×÷") == "Ελένη 東京 ×÷"); // kept as they are
    CHECK(fold_for_search("a\u00A0b") == "a b");                // no-break space
    CHECK(fold_for_search("ẞ") == "ss");
}

TEST_CASE("Folding drops bytes that are not UTF-8", "[search]") {
    CHECK(fold_for_search("a\xFF"
                          "b") == "ab");
    CHECK(fold_for_search("\xC3") == ""); // truncated at the end
    CHECK(fold_for_search("\xE2\x82"
                          "x") == "x"); // truncated in the middle
    CHECK(fold_for_search("\xC0\xAF"
                          "/") == "/"); // overlong
    CHECK(fold_for_search("\xED\xA0\x80"
                          "z") == "z"); // a surrogate
    CHECK(fold_for_search("\xF4\x90\x80\x80"
                          "q") == "q");                // past U+10FFFF
    CHECK(fold_for_search("\x80\xBF\xC3\xA9") == "e"); // stray continuations, then é
    CHECK(fold_for_search("") == "");
}

TEST_CASE("Search ignores accents and case and takes several words in any order", "[search]") {
    const auto& s = small_search();
    CHECK(ids(s.find("elodie", 10)) == std::vector<std::string>{"P001"});
    CHECK(ids(s.find("ÉLODIE", 10)) == std::vector<std::string>{"P001"});
    CHECK(ids(s.find("lukasz elo", 10)) == std::vector<std::string>{"P001"});
    CHECK(ids(s.find("  DUB   élo ", 10)) == std::vector<std::string>{"P001"});
    CHECK(ids(s.find("strauss", 10)) == std::vector<std::string>{"P0100"});
    CHECK(ids(s.find("thorbjorn", 10)) == std::vector<std::string>{"P002"});
    CHECK(ids(s.find("o'b", 10)) == std::vector<std::string>{"P010"}); // word starts at O
    CHECK(ids(s.find("brien sean", 10)) == std::vector<std::string>{"P010"});
    CHECK(ids(s.find("ελένη", 10)).empty()); // other scripts are matched as they are, case too
    CHECK(ids(s.find("Ελένη", 10)) == std::vector<std::string>{"X11"});
    CHECK(s.find("odie", 10).empty());         // inside a word: no
    CHECK(s.find("elodie smith", 10).empty()); // every word must match
}

TEST_CASE("Search finds by id and delegation, ranked id, then name, then delegation", "[search]") {
    const auto& s = small_search();
    // Ids starting with the query, by folded name: anna, elodie, sean, thorbjorn.
    CHECK(ids(s.find("p0", 10)) == std::vector<std::string>{"P0100", "P001", "P010", "P002"});
    CHECK(ids(s.find("p010", 10)) == std::vector<std::string>{"P010", "P0100"}); // exact first
    CHECK(ids(s.find("P0100", 10)) == std::vector<std::string>{"P0100"});
    CHECK(ids(s.find("norway", 10)) == std::vector<std::string>{"X9"});
    CHECK(ids(s.find("ivoire", 10)) == std::vector<std::string>{"P001"});
    CHECK(ids(s.find("council europe", 10)) == std::vector<std::string>{"P002"});
    // "el": the id EL1, then names (Ana Elo, Élodie, Ελένη does not fold), then the delegation
    // of Bob Smith (Élysée Press); each group by folded name.
    CHECK(ids(s.find("el", 10)) == std::vector<std::string>{"EL1", "X9", "P001", "X10"});
    // "an": names in order of their folded names (ana elo, anna strauss).
    CHECK(ids(s.find("an", 10)) == std::vector<std::string>{"X9", "P0100"});
}

TEST_CASE("Search gives at most limit people, and nothing for an empty query", "[search]") {
    const auto& s = small_search();
    CHECK(s.size() == 8);
    CHECK(ids(s.find("el", 2)) == std::vector<std::string>{"EL1", "X9"});
    CHECK(s.find("el", 0).empty());
    CHECK(s.find("", 10).empty());
    CHECK(s.find("   \t ", 10).empty());
    CHECK(s.find("\xFF\xFE", 10).empty()); // nothing left once folded
    CHECK(ids(s.find("elo\xFF"
                     "die",
                     10)) == std::vector<std::string>{"P001"});
    CHECK(PeopleSearch({}).find("a", 10).empty());
}

TEST_CASE("Search over 100,000 people gives what a plain scan gives", "[search]") {
    const auto people = accred::test::generated_people(100000, 7);
    const PeopleSearch search(people);
    REQUIRE(search.size() == 100000);
    const auto reference = folded(people);
    for (const std::string query :
         {"a",   "ana",          "ANNA",   "elodie dubois", "lukasz", "luk elo",
          "o'b", "strauss",      "norw",   "cote d'ivoire", "g00012", "G012345",
          "g1",  "united nat",   "seán",   "sean",          "æbelø",  "zzz",
          "d",   "marie-claire", "claire", "press"}) {
        CAPTURE(query);
        const auto all = reference_find(reference, query);
        for (std::size_t limit : {1u, 20u, 1000u})
            CHECK(ids(search.find(query, limit)) == first(all, limit));
    }
}
