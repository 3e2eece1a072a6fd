#include "count_noun.h"

namespace accred {

std::string_view noun_for(std::uint64_t n, std::string_view singular, std::string_view plural) {
    return n == 1 ? singular : plural;
}

std::string count_noun(std::uint64_t n, std::string_view singular, std::string_view plural) {
    return std::to_string(n) + " " + std::string(noun_for(n, singular, plural));
}

} // namespace accred
