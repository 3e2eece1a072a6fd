#include "code_regions.h"

#include <algorithm>
#include <cmath>

namespace accred {
namespace {

// A credential's code is 57-61 modules wide (version 10-11); finder centres are at most
// (61 - 7) * sqrt(2) = 76 modules apart, and patterns farther apart belong to different codes.
constexpr double kMaxFinderSpan = 80;
// From the farthest two finder centres' midpoint, the code's corners lie within half their
// distance plus 5 modules; 4 more are the quiet zone.
constexpr double kCornerReach = 5 + 4;

struct Pattern {
    double x = 0, y = 0, module = 0;
    int hits = 0;
};

std::vector<Pattern> patterns_of(const std::vector<FinderHit>& hits) {
    std::vector<Pattern> out;
    for (const FinderHit& h : hits) {
        auto same = std::find_if(out.begin(), out.end(), [&](const Pattern& p) {
            return std::abs(p.x - h.x) < 2 * p.module && std::abs(p.y - h.y) < 5 * p.module;
        });
        if (same == out.end()) {
            out.push_back({static_cast<double>(h.x), static_cast<double>(h.y), h.module, 1});
            continue;
        }
        const double n = same->hits;
        same->x = (same->x * n + h.x) / (n + 1);
        same->y = (same->y * n + h.y) / (n + 1);
        same->module = (same->module * n + h.module) / (n + 1);
        same->hits += 1;
    }
    return out;
}

} // namespace

std::vector<CodeRegion> code_regions(const std::vector<FinderHit>& hits) {
    const std::vector<Pattern> patterns = patterns_of(hits);
    std::vector<CodeRegion> regions;
    std::vector<bool> used(patterns.size());
    const auto near = [&](const Pattern& a, const Pattern& b) {
        return b.module <= 1.5 * a.module && a.module <= 1.5 * b.module &&
               std::hypot(a.x - b.x, a.y - b.y) < kMaxFinderSpan * std::max(a.module, b.module);
    };
    for (std::size_t i = 0; i < patterns.size(); ++i) {
        if (used[i]) continue;
        std::vector<std::size_t> group{i}; // pattern i and every unused one in its reach
        for (std::size_t j = i + 1; j < patterns.size(); ++j)
            if (!used[j] && near(patterns[i], patterns[j])) group.push_back(j);
        if (group.size() < 2) continue;
        // The farthest two: with three patterns, the diagonal (the code's centre between them);
        // with two, maybe a side, so the code may lie on either side of their midpoint.
        double d = 0, cx = 0, cy = 0, module = 0;
        int weight = 0;
        for (const std::size_t a : group) {
            used[a] = true;
            weight += patterns[a].hits;
            module += patterns[a].module / static_cast<double>(group.size());
            for (const std::size_t b : group) {
                const Pattern &p = patterns[a], &q = patterns[b];
                if (const double e = std::hypot(p.x - q.x, p.y - q.y); e > d)
                    d = e, cx = (p.x + q.x) / 2, cy = (p.y + q.y) / 2;
            }
        }
        const double half = (group.size() >= 3 ? d / 2 : 1.15 * d) + kCornerReach * module;
        regions.push_back({{static_cast<int>(cx - half), static_cast<int>(cy - half),
                            static_cast<int>(2 * half), static_cast<int>(2 * half)},
                           module,
                           weight});
    }
    std::stable_sort(regions.begin(), regions.end(),
                     [](const CodeRegion& l, const CodeRegion& r) { return l.hits > r.hits; });
    return regions;
}

} // namespace accred
