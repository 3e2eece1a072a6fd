// The web desk's search-as-you-type at an event of 100,000 people: PeopleSearch::find (folded,
// word starts, ranked, 20 results) against a bare std::string::find over the same raw names
// (no folding, no ranking, only counting), per query as typed. Prints microseconds per query.
//
//   people_search_bench [PEOPLE]   (default 100000)
#include "issuer/generated_people.h"
#include "issuer/people_search.h"

#include <algorithm>
#include <chrono>
#include <cstdio>
#include <cstdlib>
#include <string>
#include <vector>

namespace {

using Clock = std::chrono::steady_clock;

// The median of runs timings of f, in microseconds.
template <typename F> double median_us(int runs, F&& f) {
    std::vector<double> t;
    for (int i = 0; i < runs; ++i) {
        const auto start = Clock::now();
        f();
        t.push_back(std::chrono::duration<double, std::micro>(Clock::now() - start).count());
    }
    std::nth_element(t.begin(), t.begin() + runs / 2, t.end());
    return t[runs / 2];
}

} // namespace

int main(int argc, char** argv) {
    const std::size_t count = argc > 1 ? std::strtoul(argv[1], nullptr, 10) : 100000;
    auto people = accred::test::generated_people(count, 7);
    std::vector<std::string> names;
    for (const auto& p : people)
        names.push_back(p.name);
    const auto start = Clock::now();
    const accred::PeopleSearch search(std::move(people));
    const double build_ms = std::chrono::duration<double, std::milli>(Clock::now() - start).count();
    std::printf("%zu people; index built in %.1f ms\n\n", search.size(), build_ms);
    std::printf("%-16s %8s %12s %12s %8s\n", "query", "results", "find us", "scan us", "ratio");
    volatile std::size_t sink = 0; // keeps the scan from being optimised away
    double worst = 0;
    for (const char* query :
         {"e", "el", "elo", "elod", "elodie", "elodie d", "elodie dub", "a", "an", "ann", "anna st",
          "luk", "o'b", "nor", "g01234", "G012345", "zzz"}) {
        std::size_t found = 0;
        const double find_us = median_us(101, [&] { found = search.find(query, 20).size(); });
        const double scan_us = median_us(101, [&] {
            std::size_t n = 0;
            for (const auto& name : names)
                n += name.find(query) != std::string::npos;
            sink = sink + n;
        });
        worst = std::max(worst, find_us);
        std::printf("%-16s %8zu %12.1f %12.1f %8.2f\n", query, found, find_us, scan_us,
                    find_us / scan_us);
    }
    std::printf("\nslowest find: %.1f us (target: well under 10 ms)\n", worst);
    return 0;
}
