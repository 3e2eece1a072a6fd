// Text as people search it: accent- and case-insensitive folding and word starts. Shared by the
// desk's search (issuer/people_search.h) and the kiosk's manual lookup (bundle/bundle_store.h),
// so that a name typed at the desk and at the gate finds the same people.
#pragma once

#include <cstddef>
#include <string>
#include <string_view>
#include <vector>

namespace accred {

// "Élodie Dûbois-Łukasz" -> "elodie dubois-lukasz": ASCII lower-cased; Latin letters of the
// Latin-1 Supplement, Latin Extended-A and the comma-below ș ț lower-cased with their diacritics
// removed (é->e, ß->ss, æ->ae, œ->oe, ø->o, ł->l, đ->d, þ->th, ĳ->ij), the no-break space made a
// space; any other character kept as is; bytes that are not valid UTF-8 (stray, truncated or
// overlong sequences, surrogates) dropped.
std::string fold_for_search(std::string_view utf8);

// Whether a word of text starts at i (i below text.size()): words start after a space or ASCII
// punctuation ("dubois-lukasz", "o'brien"); any other byte, UTF-8 of other scripts included,
// continues a word.
bool starts_word(std::string_view text, std::size_t i);

// True when word is the start of a word of text.
bool starts_a_word(std::string_view text, std::string_view word);

// The whitespace-separated words of s, in order.
std::vector<std::string_view> words_of(std::string_view s);

} // namespace accred
