#include "people_search.h"

#include <algorithm>
#include <array>
#include <limits>

namespace accred {
namespace {

constexpr std::uint8_t kExactId = 0, kIdPrefix = 1, kName = 2, kDelegation = 3;
constexpr std::uint8_t kUnmatched = std::numeric_limits<std::uint8_t>::max();

} // namespace

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
