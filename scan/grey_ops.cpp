#include "grey_ops.h"

#include <algorithm>
#include <cmath>
#include <vector>

namespace accred {
namespace {

// A normalised Gaussian kernel of radius ceil(2.5 sigma), at least 1.
std::vector<float> gaussian_kernel(double sigma) {
    const int radius = std::max(1, static_cast<int>(std::ceil(2.5 * sigma)));
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

// One pass of a separable blur along rows (step 1) or columns (step = width), edges clamped.
void blur_pass(const std::vector<float>& in, std::vector<float>& out, int width, int height,
               const std::vector<float>& k, bool along_rows) {
    const int radius = static_cast<int>(k.size() / 2);
    const int length = along_rows ? width : height, lines = along_rows ? height : width;
    const std::size_t step = along_rows ? 1 : static_cast<std::size_t>(width);
    const std::size_t line_step = along_rows ? static_cast<std::size_t>(width) : 1;
    for (int line = 0; line < lines; ++line) {
        const std::size_t base = static_cast<std::size_t>(line) * line_step;
        for (int i = 0; i < length; ++i) {
            float sum = 0;
            for (int j = -radius; j <= radius; ++j) {
                const int at = std::clamp(i + j, 0, length - 1);
                sum += k[static_cast<std::size_t>(j + radius)] *
                       in[base + static_cast<std::size_t>(at) * step];
            }
            out[base + static_cast<std::size_t>(i) * step] = sum;
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
    const auto at = [&](int x, int y) {
        x = std::clamp(x, 0, frame.width - 1);
        y = std::clamp(y, 0, frame.height - 1);
        return static_cast<int>(
            frame.pixels[static_cast<std::size_t>(y) * static_cast<std::size_t>(frame.row_stride) +
                         static_cast<std::size_t>(x)]);
    };
    // Output pixel centres map to x0 + (ox + 0.5) / factor - 0.5 in the frame; weights in 1/256.
    for (int oy = 0; oy < out.height; ++oy) {
        const int sy = (2 * oy + 1) * 128 / factor - 128 + y0 * 256;
        const int iy = sy >> 8, fy = sy & 255;
        std::uint8_t* dst = out.pixels.data() + static_cast<std::size_t>(oy) * out.width;
        for (int ox = 0; ox < out.width; ++ox) {
            const int sx = (2 * ox + 1) * 128 / factor - 128 + x0 * 256;
            const int ix = sx >> 8, fx = sx & 255;
            const int top = at(ix, iy) * (256 - fx) + at(ix + 1, iy) * fx;
            const int bottom = at(ix, iy + 1) * (256 - fx) + at(ix + 1, iy + 1) * fx;
            dst[ox] = static_cast<std::uint8_t>((top * (256 - fy) + bottom * fy + 32768) >> 16);
        }
    }
    return out;
}

GreyImage unsharp_mask(const GreyImage& image, double sigma, double amount) {
    const std::size_t n = image.pixels.size();
    std::vector<float> a(image.pixels.begin(), image.pixels.end()), b(n);
    const std::vector<float> k = gaussian_kernel(sigma);
    blur_pass(a, b, image.width, image.height, k, true);
    blur_pass(b, a, image.width, image.height, k, false);
    GreyImage out{image.width, image.height, std::vector<std::uint8_t>(n)};
    const auto gain = static_cast<float>(amount);
    for (std::size_t i = 0; i < n; ++i) {
        const float p = image.pixels[i];
        out.pixels[i] = static_cast<std::uint8_t>(std::clamp(p + gain * (p - a[i]), 0.0f, 255.0f));
    }
    return out;
}

} // namespace accred
