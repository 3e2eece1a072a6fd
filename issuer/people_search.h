// Finding people as the desk's operator types (the web desk's search box): accent- and
// case-insensitive, by name, id or delegation, fast enough to answer each keystroke at an event
// of 100,000 people.
#pragma once

#include "crypto/search_fold.h"

#include <cstddef>
#include <cstdint>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

namespace accred {

// What the search shows of a person (no photo).
struct PersonSummary {
    std::string id, name, delegation, category;
    bool operator==(const PersonSummary&) const = default;
};

// An index of people for search-as-you-type, built once (a sort over every word of every name
// and delegation) and then only read: find() may be called from several threads at once.
class PeopleSearch {
  public:
    explicit PeopleSearch(std::vector<PersonSummary> people);

    // At most limit people matching query, best first; nothing for a query with no words.
    // A person matches when every whitespace-separated word of the folded query is the start of
    // a word of their folded name (a word starts after a space or ASCII punctuation, so "luk"
    // finds Dubois-Łukasz and "o'b" O'Brien), or when the query is the start of their id
    // (ignoring ASCII case), or when every query word starts a word of their folded delegation.
    // Ranked: the exact id, then ids starting with the query, then name matches, then
    // delegation matches; within each, by folded name, then id.
    std::vector<PersonSummary> find(std::string_view query, std::size_t limit) const;
    std::size_t size() const { return people_.size(); }

  private:
    // A word start within text_: the text from there to the end of its field, and whose it is.
    struct Start {
        std::uint32_t offset = 0, length = 0, person = 0;
    };
    struct Folded { // a person's fields within text_
        std::uint32_t name = 0, name_length = 0;
        std::uint32_t delegation = 0, delegation_length = 0;
    };
    std::string_view at(const Start& s) const { return {text_.data() + s.offset, s.length}; }
    std::string_view name_of(std::uint32_t person) const;
    std::string_view delegation_of(std::uint32_t person) const;
    // The entries of index whose text starts with prefix, as [first, last).
    std::pair<std::size_t, std::size_t> prefix_range(const std::vector<Start>& index,
                                                     std::string_view prefix) const;

    std::vector<PersonSummary> people_;
    std::vector<Folded> folded_;
    std::string text_;                    // every folded name, delegation and lower-case id
    std::vector<Start> ids_;              // each lower-case id, sorted
    std::vector<Start> name_words_;       // each word start of each name, sorted by the text there
    std::vector<Start> delegation_words_; // the same for delegations
};

} // namespace accred
