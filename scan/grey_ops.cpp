#include "grey_ops.h"

#include <algorithm>
#include <cmath>
#include <vector>

namespace accred {
namespace {

// A normalised Gaussian kernel of radius ceil(2 sigma), at least 1: the mask needs the blur's
// shape near the pixel, not its faint tails.
std::vector<float> gaussian_kernel(double sigma) {
    const int radius = std::max(1, static_cast<int>(std::ceil(2 * sigma)));
    std::vector<float> k(static_cast<std::size_t>(2 * radius + 1));
    double sum = 0;
    for (int i = -radius; i <= radius; ++i) {
        const double v = std::exp(-0.5 * i * i / (sigma * sigma));
        k[static_cast<std::size_t>(i + radius)] = static_cast<float>(v);
        sum += v;
    }
    for (float& v : k)
        v = static_cast<float>(v / sum);
    return k;
}

// The separable blur's two passes, edges clamped. Each inner loop runs along a row, so both
// passes read memory in order and the compiler vectorises them (the file is built at -O3).
void blur_rows(const std::vector<float>& in, std::vector<float>& out, int width, int height,
               const std::vector<float>& k) {
    const int radius = static_cast<int>(k.size() / 2);
    std::vector<float> padded(static_cast<std::size_t>(width + 2 * radius));
    for (int y = 0; y < height; ++y) {
        const float* row = in.data() + static_cast<std::size_t>(y) * width;
        for (int x = -radius; x < width + radius; ++x)
            padded[static_cast<std::size_t>(x + radius)] = row[std::clamp(x, 0, width - 1)];
        float* dst = out.data() + static_cast<std::size_t>(y) * width;
        std::fill(dst, dst + width, 0.0f);
        for (std::size_t j = 0; j < k.size(); ++j) {
            const float w = k[j];
            const float* src = padded.data() + j;
            for (int x = 0; x < width; ++x)
                dst[x] += w * src[x];
        }
    }
}

void blur_columns(const std::vector<float>& in, std::vector<float>& out, int width, int height,
                  const std::vector<float>& k) {
    const int radius = static_cast<int>(k.size() / 2);
    for (int y = 0; y < height; ++y) {
        float* dst = out.data() + static_cast<std::size_t>(y) * width;
        std::fill(dst, dst + width, 0.0f);
        for (int j = -radius; j <= radius; ++j) {
            const float w = k[static_cast<std::size_t>(j + radius)];
            const float* src =
                in.data() + static_cast<std::size_t>(std::clamp(y + j, 0, height - 1)) * width;
            for (int x = 0; x < width; ++x)
                dst[x] += w * src[x];
        }
    }
}

} // namespace

GreyImage crop_scaled(const GreyView& frame, PixelRect rect, int factor) {
    const int x0 = std::clamp(rect.x, 0, frame.width), y0 = std::clamp(rect.y, 0, frame.height);
    const int x1 = std::clamp(rect.x + rect.width, x0, frame.width);
    const int y1 = std::clamp(rect.y + rect.height, y0, frame.height);
    factor = std::max(1, factor);
    GreyImage out;
    out.width = (x1 - x0) * factor;
    out.height = (y1 - y0) * factor;
    out.pixels.resize(static_cast<std::size_t>(out.width) * static_cast<std::size_t>(out.height));
    if (out.pixels.empty()) return out;
    // Output pixel centres map to x0 + (ox + 0.5) / factor - 0.5 in the frame; weights in 1/256.
    // The two source columns and the weight of each output column are worked out once (clamped
    // to the frame), so the inner loop is two loads and a blend per row.
    struct Tap {
        int left, right, weight;
    };
    const auto tap = [&](int o, int origin, int size) {
        const int s = (2 * o + 1) * 128 / factor - 128 + origin * 256;
        const int i = s >> 8;
        return Tap{std::clamp(i, 0, size - 1), std::clamp(i + 1, 0, size - 1), s & 255};
    };
    std::vector<Tap> columns(static_cast<std::size_t>(out.width));
    for (int ox = 0; ox < out.width; ++ox)
        columns[static_cast<std::size_t>(ox)] = tap(ox, x0, frame.width);
    const auto row = [&](int y) {
        return frame.pixels + static_cast<std::size_t>(y) * static_cast<std::size_t>(frame.row_stride);
    };
    for (int oy = 0; oy < out.height; ++oy) {
        const Tap r = tap(oy, y0, frame.height);
        const std::uint8_t* upper = row(r.left);
        const std::uint8_t* lower = row(r.right);
        const int fy = r.weight;
        std::uint8_t* dst = out.pixels.data() + static_cast<std::size_t>(oy) * out.width;
        for (int ox = 0; ox < out.width; ++ox) {
            const Tap& c = columns[static_cast<std::size_t>(ox)];
            const int top = upper[c.left] * (256 - c.weight) + upper[c.right] * c.weight;
            const int bottom = lower[c.left] * (256 - c.weight) + lower[c.right] * c.weight;
            dst[ox] = static_cast<std::uint8_t>((top * (256 - fy) + bottom * fy + 32768) >> 16);
        }
    }
    return out;
}

GreyImage unsharp_mask(const GreyImage& image, double sigma, double amount) {
    const std::size_t n = image.pixels.size();
    std::vector<float> a(image.pixels.begin(), image.pixels.end()), b(n);
    const std::vector<float> k = gaussian_kernel(sigma);
    blur_rows(a, b, image.width, image.height, k);
    blur_columns(b, a, image.width, image.height, k);
    GreyImage out{image.width, image.height, std::vector<std::uint8_t>(n)};
    const auto gain = static_cast<float>(amount);
    for (std::size_t i = 0; i < n; ++i) {
        const float p = image.pixels[i];
        out.pixels[i] = static_cast<std::uint8_t>(std::clamp(p + gain * (p - a[i]), 0.0f, 255.0f));
    }
    return out;
}

} // namespace accred
