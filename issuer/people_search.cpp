#include "people_search.h"

#include <algorithm>
#include <array>
#include <limits>

namespace accred {
namespace {

// The Latin-1 Supplement's letters from U+00C0, folded (nullptr: kept, × and ÷).
constexpr std::array<const char*, 64> kLatin1 = {
    "a", "a", "a", "a", "a", "a", "ae", "c",     "e", "e", "e", "e", "i", "i", "i",  "i",
    "d", "n", "o", "o", "o", "o", "o",  nullptr, "o", "u", "u", "u", "u", "y", "th", "ss",
    "a", "a", "a", "a", "a", "a", "ae", "c",     "e", "e", "e", "e", "i", "i", "i",  "i",
    "d", "n", "o", "o", "o", "o", "o",  nullptr, "o", "u", "u", "u", "u", "y", "th", "y"};

struct FoldRange {
    char32_t first, last;
    const char* to;
};
// Latin Extended-A (each letter's capital and small forms are neighbours), the comma-below
// letters of Romanian, the capital sharp s and the no-break space.
constexpr FoldRange kRanges[] = {
    {0x00A0, 0x00A0, " "},  {0x0100, 0x0105, "a"},  {0x0106, 0x010D, "c"},  {0x010E, 0x0111, "d"},
    {0x0112, 0x011B, "e"},  {0x011C, 0x0123, "g"},  {0x0124, 0x0127, "h"},  {0x0128, 0x0131, "i"},
    {0x0132, 0x0133, "ij"}, {0x0134, 0x0135, "j"},  {0x0136, 0x0138, "k"},  {0x0139, 0x0142, "l"},
    {0x0143, 0x014B, "n"},  {0x014C, 0x0151, "o"},  {0x0152, 0x0153, "oe"}, {0x0154, 0x0159, "r"},
    {0x015A, 0x0161, "s"},  {0x0162, 0x0167, "t"},  {0x0168, 0x0173, "u"},  {0x0174, 0x0175, "w"},
    {0x0176, 0x0178, "y"},  {0x0179, 0x017E, "z"},  {0x017F, 0x017F, "s"},  {0x0218, 0x0219, "s"},
    {0x021A, 0x021B, "t"},  {0x1E9E, 0x1E9E, "ss"},
};

const char* folded_letter(char32_t cp) {
    if (cp >= 0xC0 && cp <= 0xFF) return kLatin1[cp - 0xC0];
    for (const auto& r : kRanges)
        if (cp >= r.first && cp <= r.last) return r.to;
    return nullptr;
}

// The length of the valid UTF-8 sequence at s[i] and its code point; length 0 when invalid
// (a stray continuation byte, a truncated or overlong sequence, a surrogate, past U+10FFFF).
std::size_t decode(std::string_view s, std::size_t i, char32_t& cp) {
    const auto lead = static_cast<unsigned char>(s[i]);
    std::size_t length = 0;
    if (lead >= 0xC2 && lead <= 0xDF)
        length = 2, cp = lead & 0x1F;
    else if (lead >= 0xE0 && lead <= 0xEF)
        length = 3, cp = lead & 0x0F;
    else if (lead >= 0xF0 && lead <= 0xF4)
        length = 4, cp = lead & 0x07;
    else
        return 0;
    if (i + length > s.size()) return 0;
    for (std::size_t k = 1; k < length; ++k) {
        const auto c = static_cast<unsigned char>(s[i + k]);
        if ((c & 0xC0) != 0x80) return 0;
        cp = (cp << 6) | (c & 0x3F);
    }
    if ((length == 3 && cp < 0x800) || (length == 4 && cp < 0x10000) || cp > 0x10FFFF ||
        (cp >= 0xD800 && cp <= 0xDFFF))
        return 0;
    return length;
}

bool is_space(char c) {
    return c == ' ' || (c >= '\t' && c <= '\r');
}

// Words start after a space or ASCII punctuation ("dubois-lukasz", "o'brien"); any other byte,
// UTF-8 of other scripts included, continues a word.
bool separates(char c) {
    const auto u = static_cast<unsigned char>(c);
    return u < 0x80 &&
           !((u >= 'a' && u <= 'z') || (u >= 'A' && u <= 'Z') || (u >= '0' && u <= '9'));
}

bool starts_word(std::string_view text, std::size_t i) {
    return !separates(text[i]) && (i == 0 || separates(text[i - 1]));
}

// True when word is the start of a word of text.
bool starts_a_word(std::string_view text, std::string_view word) {
    for (std::size_t i = 0; i < text.size(); ++i)
        if (starts_word(text, i) && text.substr(i).starts_with(word)) return true;
    return false;
}

std::vector<std::string_view> words_of(std::string_view s) {
    std::vector<std::string_view> words;
    std::size_t i = 0;
    while (i < s.size()) {
        while (i < s.size() && is_space(s[i]))
            ++i;
        const std::size_t start = i;
        while (i < s.size() && !is_space(s[i]))
            ++i;
        if (i > start) words.push_back(s.substr(start, i - start));
    }
    return words;
}

constexpr std::uint8_t kExactId = 0, kIdPrefix = 1, kName = 2, kDelegation = 3;
constexpr std::uint8_t kUnmatched = std::numeric_limits<std::uint8_t>::max();

} // namespace

std::string fold_for_search(std::string_view utf8) {
    std::string out;
    out.reserve(utf8.size());
    for (std::size_t i = 0; i < utf8.size();) {
        const char c = utf8[i];
        if (static_cast<unsigned char>(c) < 0x80) {
            out += (c >= 'A' && c <= 'Z') ? static_cast<char>(c - 'A' + 'a') : c;
            ++i;
            continue;
        }
        char32_t cp = 0;
        const std::size_t length = decode(utf8, i, cp);
        if (length == 0) { // not UTF-8: dropped, and the next byte read afresh
            ++i;
            continue;
        }
        if (const char* to = folded_letter(cp))
            out += to;
        else
            out.append(utf8.substr(i, length));
        i += length;
    }
    return out;
}

PeopleSearch::PeopleSearch(std::vector<PersonSummary> people) : people_(std::move(people)) {
    folded_.reserve(people_.size());
    auto add = [this](std::string_view text, std::vector<Start>* words, std::uint32_t person) {
        const auto offset = static_cast<std::uint32_t>(text_.size());
        text_ += text;
        if (words)
            for (std::size_t i = 0; i < text.size(); ++i)
                if (starts_word(text, i))
                    words->push_back({offset + static_cast<std::uint32_t>(i),
                                      static_cast<std::uint32_t>(text.size() - i), person});
        return offset;
    };
    for (std::uint32_t i = 0; i < people_.size(); ++i) {
        const PersonSummary& p = people_[i];
        const std::string name = fold_for_search(p.name);
        const std::string delegation = fold_for_search(p.delegation);
        Folded f;
        f.name = add(name, &name_words_, i);
        f.name_length = static_cast<std::uint32_t>(name.size());
        f.delegation = add(delegation, &delegation_words_, i);
        f.delegation_length = static_cast<std::uint32_t>(delegation.size());
        folded_.push_back(f);
        std::string id = p.id;
        for (char& c : id)
            if (c >= 'A' && c <= 'Z') c = static_cast<char>(c - 'A' + 'a');
        ids_.push_back({add(id, nullptr, i), static_cast<std::uint32_t>(id.size()), i});
    }
    for (auto* index : {&ids_, &name_words_, &delegation_words_})
        std::sort(index->begin(), index->end(),
                  [this](const Start& a, const Start& b) { return at(a) < at(b); });
}

std::string_view PeopleSearch::name_of(std::uint32_t person) const {
    return {text_.data() + folded_[person].name, folded_[person].name_length};
}

std::string_view PeopleSearch::delegation_of(std::uint32_t person) const {
    return {text_.data() + folded_[person].delegation, folded_[person].delegation_length};
}

std::pair<std::size_t, std::size_t> PeopleSearch::prefix_range(const std::vector<Start>& index,
                                                               std::string_view prefix) const {
    const auto from = std::partition_point(index.begin(), index.end(),
                                           [&](const Start& s) { return at(s) < prefix; });
    const auto to = std::partition_point(from, index.end(),
                                         [&](const Start& s) { return at(s).starts_with(prefix); });
    return {static_cast<std::size_t>(from - index.begin()),
            static_cast<std::size_t>(to - index.begin())};
}

std::vector<PersonSummary> PeopleSearch::find(std::string_view query, std::size_t limit) const {
    const std::string folded = fold_for_search(query);
    const auto words = words_of(folded);
    if (words.empty() || limit == 0) return {};
    std::vector<std::uint8_t> best(people_.size(), kUnmatched);
    std::vector<std::uint32_t> matched;
    auto offer = [&](std::uint32_t person, std::uint8_t rank) {
        if (best[person] == kUnmatched) matched.push_back(person);
        best[person] = std::min(best[person], rank);
    };
    if (words.size() == 1) { // an id has no spaces
        const auto [from, to] = prefix_range(ids_, words[0]);
        for (std::size_t k = from; k < to; ++k)
            offer(ids_[k].person, ids_[k].length == words[0].size() ? kExactId : kIdPrefix);
    }
    // Each field's index gives the people with a word starting with the longest query word
    // (the fewest, as a rule); the other words are checked in their folded text.
    const auto key = *std::max_element(words.begin(), words.end(),
                                       [](auto a, auto b) { return a.size() < b.size(); });
    auto match_words = [&](const std::vector<Start>& index, std::uint8_t rank, auto field_of) {
        const auto [from, to] = prefix_range(index, key);
        for (std::size_t k = from; k < to; ++k) {
            const std::uint32_t person = index[k].person;
            if (best[person] <= rank) continue;
            const std::string_view text = (this->*field_of)(person);
            if (std::all_of(words.begin(), words.end(),
                            [&](std::string_view w) { return starts_a_word(text, w); }))
                offer(person, rank);
        }
    };
    match_words(name_words_, kName, &PeopleSearch::name_of);
    match_words(delegation_words_, kDelegation, &PeopleSearch::delegation_of);
    auto before = [&](std::uint32_t a, std::uint32_t b) {
        if (best[a] != best[b]) return best[a] < best[b];
        if (name_of(a) != name_of(b)) return name_of(a) < name_of(b);
        return people_[a].id < people_[b].id;
    };
    const std::size_t shown = std::min(limit, matched.size());
    std::partial_sort(matched.begin(), matched.begin() + static_cast<std::ptrdiff_t>(shown),
                      matched.end(), before);
    std::vector<PersonSummary> out;
    out.reserve(shown);
    for (std::size_t k = 0; k < shown; ++k)
        out.push_back(people_[matched[k]]);
    return out;
}

} // namespace accred
