#include "finder_census.h"

#include <algorithm>
#include <array>
#include <cstdlib>
#include <vector>

namespace accred {
namespace {

constexpr int kRowStep = 8;      // every eighth row
constexpr int kHalfWindow = 16;  // dark or light against the mean of the 32 pixels around
constexpr int kMinContrast = 24; // ZXing 1.4's HybridBinarizer: MIN_DYNAMIC_RANGE

// True when five runs (dark, light, dark, light, dark) are in the proportions 1:1:3:1:1.
// Returns the module width in pixels, or 0.
double finder_module(const std::array<int, 5>& runs) {
    constexpr std::array<int, 5> kShares{1, 1, 3, 1, 1};
    int total = 0;
    for (const int r : runs)
        total += r;
    if (total < 10) return 0; // modules under 1.4 px: noise, and nothing ZXing reads either
    const double module = total / 7.0;
    for (std::size_t i = 0; i < runs.size(); ++i)
        if (std::abs(runs[i] - kShares[i] * module) > module * 0.5 * (kShares[i] == 3 ? 1.5 : 1))
            return 0;
    return module;
}

// The five vertical runs through (x, y), the middle of a horizontal candidate, pixels darker
// than threshold counted dark: outer dark, light, centre dark (up and down together), light,
// outer dark. Each run is cut at limit pixels, so a column costs little whatever the picture.
std::array<int, 5> vertical_runs(const std::uint8_t* pixels, int height, int row_stride, int x,
                                 int y, int threshold, int limit) {
    auto dark_at = [&](int row) {
        return pixels[static_cast<std::size_t>(row) * row_stride + x] < threshold;
    };
    std::array<int, 5> runs{};
    if (!dark_at(y)) return runs;
    int row = y; // upwards: the centre's upper part (run 2), light (1), outer dark (0)
    for (int run = 2; run >= 0 && row >= 0; --run) {
        const bool dark = run != 1;
        for (int n = 0; row >= 0 && dark_at(row) == dark && n < limit; ++n, --row)
            ++runs[static_cast<std::size_t>(run)];
    }
    row = y + 1; // downwards: the centre's lower part (2), light (3), outer dark (4)
    for (int run = 2; run <= 4 && row < height; ++run) {
        const bool dark = run != 3;
        for (int n = 0; row < height && dark_at(row) == dark && n < limit; ++n, ++row)
            ++runs[static_cast<std::size_t>(run)];
    }
    return runs;
}

// A horizontal candidate: runs r[0..4] (dark, light, dark, light, dark) from x = start on row
// y, in the proportions of a finder pattern of module-pixel modules. Returns its share of one
// pattern once the column through its centre confirms it, else 0. Runs per candidate, not per
// pixel: the census's per-pixel loops stay in count_finder_like_patterns.
double confirmed_weight(const std::uint8_t* pixels, int height, int row_stride, int y, const int* r,
                        int start, double module) {
    const std::uint8_t* row = pixels + static_cast<std::size_t>(y) * row_stride;
    // Confirmed only if the column through its centre shows the same pattern at about
    // the same module size, as ZXing's own cross-check does: camera noise makes many
    // horizontal look-alikes, few that hold vertically too. The column is judged
    // against the middle of this candidate's own dark and light.
    const int centre_start = start + r[0] + r[1];
    const int light_start = start + r[0];
    int dark_sum = 0, light_sum = 0;
    for (int x = centre_start; x < centre_start + r[2]; ++x)
        dark_sum += row[x];
    for (int x = light_start; x < light_start + r[1]; ++x)
        light_sum += row[x];
    const int dark_level = dark_sum / r[2], light_level = light_sum / r[1];
    // Less contrast than ZXing's binarizer needs to see anything (a block's range under
    // 24 is flat to it): camera noise, not a pattern.
    if (light_level - dark_level < kMinContrast) return 0;
    const int threshold = (dark_level + light_level + 1) / 2;
    const double vertical =
        finder_module(vertical_runs(pixels, height, row_stride, centre_start + r[2] / 2, y,
                                    threshold, static_cast<int>(module * 4) + 2));
    if (vertical < module * 0.5 || vertical > module * 1.5) return 0;
    // A pattern of m-pixel modules shows this cross-section on its 3m core rows, about
    // 3m / kRowStep of the sampled ones: each hit is that fraction of one pattern.
    return kRowStep / (3 * module);
}

} // namespace

double count_finder_like_patterns(const std::uint8_t* pixels, int width, int height, int row_stride,
                                  std::vector<FinderHit>* hits) {
    if (pixels == nullptr || width < 7 || height < 1) return 0;
    const auto w = static_cast<std::size_t>(width);
    std::vector<std::uint32_t> prefix(w + 1);
    std::vector<std::uint8_t> dark(w); // 1 where the pixel is darker than the mean around it
    std::vector<int> runs;             // alternating run lengths along the row, the first dark
    runs.reserve(w);
    double patterns = 0;
    for (int y = kRowStep / 2; y < height; y += kRowStep) {
        const std::uint8_t* row = pixels + static_cast<std::size_t>(y) * row_stride;
        for (std::size_t x = 0; x < w; ++x)
            prefix[x + 1] = prefix[x] + row[x];
        // The window is cut at the picture's edges; in between it has no bounds to check, so
        // the compiler vectorises the loop (at -O3: kiosk/CMakeLists.txt). The edges are visited
        // apart, not by a loop over the whole row that skips the middle.
        const std::size_t half = kHalfWindow;
        const std::size_t inner_end = w > half ? w - half : 0;
        const auto edge = [&](std::size_t x) {
            const std::size_t lo = x >= half ? x - half : 0, hi = std::min(w, x + half);
            dark[x] = row[x] * static_cast<std::uint32_t>(hi - lo) < prefix[hi] - prefix[lo];
        };
        for (std::size_t x = 0; x < std::min(half, w); ++x)
            edge(x);
        for (std::size_t x = std::max(half, inner_end); x < w; ++x)
            edge(x);
        for (std::size_t x = half; x < inner_end; ++x)
            dark[x] = row[x] * (2 * static_cast<std::uint32_t>(half)) <
                      prefix[x + half] - prefix[x - half];
        // Run lengths without a branch per pixel: camera noise flips dark and light every pixel
        // or two, and a mispredicted branch each time cost three quarters of the census. Each
        // pixel writes its position into the next slot, which is kept only where the pixel
        // starts a new run; the row starts in a dark run (empty when the first pixel is light).
        runs.resize(w + 1);
        std::size_t n = 0;
        std::uint8_t previous = 1;
        for (std::size_t x = 0; x < w; ++x) {
            runs[n] = static_cast<int>(x);
            n += dark[x] ^ previous;
            previous = dark[x];
        }
        runs[n++] = width;
        for (std::size_t i = n - 1; i > 0; --i)
            runs[i] -= runs[i - 1]; // boundaries to lengths
        runs.resize(n);
        // Dark runs are at even indices; start is where run i begins.
        int start = 0;
        for (std::size_t i = 0; i + 4 < runs.size(); start += runs[i] + runs[i + 1], i += 2) {
            // Camera noise makes runs of a pixel or two everywhere: a centre run that short
            // cannot be a finder pattern's (finder_module wants 2.25 modules of 1.4 px or more),
            // and rejecting it here first keeps a noisy row cheap.
            if (runs[i + 2] < 3) continue;
            const double module =
                finder_module({runs[i], runs[i + 1], runs[i + 2], runs[i + 3], runs[i + 4]});
            if (module == 0) continue;
            const double weight =
                confirmed_weight(pixels, height, row_stride, y, &runs[i], start, module);
            patterns += weight;
            if (weight > 0 && hits != nullptr)
                hits->push_back({start + runs[i] + runs[i + 1] + runs[i + 2] / 2, y, module});
        }
    }
    return patterns;
}

} // namespace accred
