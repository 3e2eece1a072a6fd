#include "search_fold.h"

#include "crypto/utf8.h"

#include <array>
#include <cstdint>

namespace accred {
namespace {

// The Latin-1 Supplement's letters from U+00C0, folded (nullptr: kept, × and ÷).
constexpr std::array<const char*, 64> kLatin1 = {
    "a", "a", "a", "a", "a", "a", "ae", "c",     "e", "e", "e", "e", "i", "i", "i",  "i",
    "d", "n", "o", "o", "o", "o", "o",  nullptr, "o", "u", "u", "u", "u", "y", "th", "ss",
    "a", "a", "a", "a", "a", "a", "ae", "c",     "e", "e", "e", "e", "i", "i", "i",  "i",
    "d", "n", "o", "o", "o", "o", "o",  nullptr, "o", "u", "u", "u", "u", "y", "th", "y"};

struct FoldRange {
    std::uint32_t first, last;
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

const char* folded_letter(std::uint32_t cp) {
    if (cp >= 0xC0 && cp <= 0xFF) return kLatin1[cp - 0xC0];
    for (const auto& r : kRanges)
        if (cp >= r.first && cp <= r.last) return r.to;
    return nullptr;
}

bool is_space(char c) {
    return c == ' ' || (c >= '\t' && c <= '\r');
}

// A byte that ends a word: ASCII other than letters and digits (search_fold.h, starts_word).
bool separates(char c) {
    const auto u = static_cast<unsigned char>(c);
    return u < 0x80 &&
           !((u >= 'a' && u <= 'z') || (u >= 'A' && u <= 'Z') || (u >= '0' && u <= '9'));
}

} // namespace

bool starts_word(std::string_view text, std::size_t i) {
    return !separates(text[i]) && (i == 0 || separates(text[i - 1]));
}

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
        std::uint32_t cp = 0;
        const std::size_t length = utf8_sequence_at(utf8, i, cp);
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

} // namespace accred
