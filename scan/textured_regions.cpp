#include "textured_regions.h"

#include <algorithm>
#include <cstdlib>

namespace accred {
namespace {

// A credential's code with its quiet zone is about 60 + 8 modules wide (code_regions.cpp).
constexpr double kModulesAcross = 68;
// Below this mean gradient (grey levels per pixel) a block is flat whatever the frame.
constexpr float kMinBusyness = 2.0f;

struct Patch {
    int x0, y0, x1, y1; // blocks, inclusive
    int blocks = 0;
    double energy = 0;
};

// Mean absolute horizontal plus vertical difference over two pixels in each block, at every
// second pixel of every second row. Over two pixels, not one: sampled at even positions, a
// one-pixel difference would never straddle the edges of modules an even number of pixels wide.
std::vector<float> busyness(const GreyView& f, int columns, int rows) {
    std::vector<float> out(static_cast<std::size_t>(columns) * rows);
    for (int by = 0; by < rows; ++by)
        for (int bx = 0; bx < columns; ++bx) {
            int sum = 0, n = 0;
            for (int y = by * kTextureBlock; y < (by + 1) * kTextureBlock && y + 2 < f.height; y += 2) {
                const std::uint8_t* row = f.pixels + static_cast<std::size_t>(y) * f.row_stride;
                const std::uint8_t* below = row + 2 * static_cast<std::size_t>(f.row_stride);
                for (int x = bx * kTextureBlock; x < (bx + 1) * kTextureBlock && x + 2 < f.width;
                     x += 2, ++n)
                    sum += std::abs(row[x + 2] - row[x]) + std::abs(below[x] - row[x]);
            }
            out[static_cast<std::size_t>(by) * columns + bx] =
                n > 0 ? static_cast<float>(sum) / static_cast<float>(n) : 0.0f;
        }
    return out;
}

// Busy blocks with a busy neighbour both across and along: a hard edge (a door frame, a table's
// rim) is a line of busy blocks one thick, and would otherwise join a code beside it into one
// patch too wide to be a code.
std::vector<float> without_lines(const std::vector<float>& energy, int columns, int rows,
                                 float floor) {
    std::vector<float> out(energy.size(), 0.0f);
    const auto busy = [&](int x, int y) {
        return x >= 0 && y >= 0 && x < columns && y < rows &&
               energy[static_cast<std::size_t>(y) * columns + x] >= floor;
    };
    for (int y = 0; y < rows; ++y)
        for (int x = 0; x < columns; ++x)
            if (busy(x, y) && (busy(x - 1, y) || busy(x + 1, y)) &&
                (busy(x, y - 1) || busy(x, y + 1)))
                out[static_cast<std::size_t>(y) * columns + x] =
                    energy[static_cast<std::size_t>(y) * columns + x];
    return out;
}

// 4-connected patches of busy blocks (flood fill with an explicit stack).
std::vector<Patch> patches(const std::vector<float>& energy, int columns, int rows, float floor) {
    std::vector<char> seen(energy.size(), 0);
    std::vector<Patch> out;
    std::vector<int> stack;
    for (std::size_t start = 0; start < energy.size(); ++start) {
        if (seen[start] || energy[start] < floor) continue;
        Patch p{columns, rows, -1, -1};
        seen[start] = 1;
        stack.assign(1, static_cast<int>(start));
        while (!stack.empty()) {
            const int i = stack.back();
            stack.pop_back();
            const int x = i % columns, y = i / columns;
            p.x0 = std::min(p.x0, x), p.y0 = std::min(p.y0, y);
            p.x1 = std::max(p.x1, x), p.y1 = std::max(p.y1, y);
            ++p.blocks;
            p.energy += energy[static_cast<std::size_t>(i)];
            const int next[4][2] = {{x - 1, y}, {x + 1, y}, {x, y - 1}, {x, y + 1}};
            for (const auto& n : next) {
                if (n[0] < 0 || n[1] < 0 || n[0] >= columns || n[1] >= rows) continue;
                const auto j = static_cast<std::size_t>(n[1]) * columns + n[0];
                if (seen[j] || energy[j] < floor) continue;
                seen[j] = 1;
                stack.push_back(static_cast<int>(j));
            }
        }
        out.push_back(p);
    }
    return out;
}

} // namespace

std::vector<CodeRegion> textured_regions(const GreyView& frame, int min_side, int max_side,
                                         int max_count) {
    const int columns = frame.width / kTextureBlock, rows = frame.height / kTextureBlock;
    if (columns < 2 || rows < 2) return {};
    const std::vector<float> energy = busyness(frame, columns, rows);
    // Busy: at least half the frame's 99th percentile and twice its median (the sensor's noise on
    // a plain wall).
    std::vector<float> sorted = energy;
    const auto p99 = sorted.begin() + static_cast<std::ptrdiff_t>(sorted.size() * 99 / 100);
    std::nth_element(sorted.begin(), p99, sorted.end());
    const float high = *p99;
    const auto median = sorted.begin() + static_cast<std::ptrdiff_t>(sorted.size() / 2);
    std::nth_element(sorted.begin(), median, p99);
    const float floor = std::max({kMinBusyness, 0.5f * high, 2.0f * *median});
    struct Scored {
        CodeRegion region;
        double score;
    };
    std::vector<Scored> found;
    for (const Patch& p : patches(without_lines(energy, columns, rows, floor), columns, rows, floor)) {
        const int w = (p.x1 - p.x0 + 1) * kTextureBlock, h = (p.y1 - p.y0 + 1) * kTextureBlock;
        const int side = std::max(w, h);
        if (side < min_side || side > max_side || 2 * std::min(w, h) < side) continue;
        const double fill = p.blocks * kTextureBlock * kTextureBlock / static_cast<double>(w * h);
        if (fill < 0.5) continue;
        const int margin = side / 6;
        const int cx = (p.x0 + p.x1 + 1) * kTextureBlock / 2, cy = (p.y0 + p.y1 + 1) * kTextureBlock / 2;
        const int half = side / 2 + margin;
        found.push_back({{{cx - half, cy - half, 2 * half, 2 * half}, side / kModulesAcross, p.blocks},
                         p.energy / p.blocks * fill});
    }
    std::stable_sort(found.begin(), found.end(),
                     [](const Scored& a, const Scored& b) { return a.score > b.score; });
    std::vector<CodeRegion> out;
    for (std::size_t i = 0; i < found.size() && static_cast<int>(i) < max_count; ++i)
        out.push_back(found[i].region);
    return out;
}

} // namespace accred
