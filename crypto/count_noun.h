// Counts in messages: "1 badge", "2 badges", never "1 badges". One helper so that every command
// (desk, audit, kiosk) words a count the same way.
#pragma once

#include <cstdint>
#include <string>
#include <string_view>

namespace accred {

// "N singular" when n is 1, else "N plural" ("0 badges", "1 badge", "3 badges").
std::string count_noun(std::uint64_t n, std::string_view singular, std::string_view plural);

// Just the noun for n, for a count printed elsewhere ("badge" or "badges").
std::string_view noun_for(std::uint64_t n, std::string_view singular, std::string_view plural);

} // namespace accred
