#include "deblur.h"

#include <kiss_fftnd.h>

#include <algorithm>
#include <array>
#include <cassert>
#include <cmath>

namespace accred {

struct BlurredRegion::Transforms {
    // Complex transforms of real images: kissfft 131's real n-d transform (kiss_fftndr) fails to
    // allocate at 64 x 64 and above, and twice the arithmetic is still under a millisecond here.
    kiss_fftnd_cfg forward = nullptr;
    kiss_fftnd_cfg inverse = nullptr;
    ~Transforms() {
        kiss_fft_free(forward);
        kiss_fft_free(inverse);
    }
    // Transforms real values (re only) into spectrum; both padded_width x padded_height.
    void real_to_spectrum(const std::vector<float>& values, std::vector<float>& spectrum) const {
        std::vector<float> in(values.size() * 2, 0.0f);
        for (std::size_t i = 0; i < values.size(); ++i)
            in[2 * i] = values[i];
        spectrum.resize(in.size());
        kiss_fftnd(forward, reinterpret_cast<const kiss_fft_cpx*>(in.data()),
                   reinterpret_cast<kiss_fft_cpx*>(spectrum.data()));
    }
    // The real part of the inverse transform, unscaled.
    std::vector<float> spectrum_to_real(const std::vector<float>& spectrum) const {
        std::vector<float> out(spectrum.size());
        kiss_fftnd(inverse, reinterpret_cast<const kiss_fft_cpx*>(spectrum.data()),
                   reinterpret_cast<kiss_fft_cpx*>(out.data()));
        std::vector<float> real(spectrum.size() / 2);
        for (std::size_t i = 0; i < real.size(); ++i)
            real[i] = out[2 * i];
        return real;
    }
};

namespace {

constexpr double kPi = 3.14159265358979323846;
// Blank margin around the region before the FFT: the transform is circular, so a blur's spread
// across the region's edge would otherwise come back from the opposite side.
constexpr int kPadding = 16;

// The smallest even n >= at_least whose only prime factors are 2, 3 and 5 (kissfft's fast radices).
int fft_size(int at_least) {
    for (int n = std::max(2, at_least + (at_least & 1));; n += 2) {
        int m = n;
        for (int p : {2, 3, 5})
            while (m % p == 0)
                m /= p;
        if (m == 1) return n;
    }
}

// A raised-cosine ramp over the `margin` pixels nearest either end of [0, size): 0 at the edge,
// 1 inside. Multiplied into the region so that its cut edges fade into its mean.
std::vector<float> taper(int size, int margin) {
    std::vector<float> w(static_cast<std::size_t>(size), 1.0f);
    for (int i = 0; i < std::min(margin, size / 2); ++i) {
        const auto v = static_cast<float>(0.5 - 0.5 * std::cos(kPi * (i + 0.5) / margin));
        w[static_cast<std::size_t>(i)] = v;
        w[static_cast<std::size_t>(size - 1 - i)] = v;
    }
    return w;
}

// Spatial frequency of spectrum row ky / column kx, cycles per pixel.
double frequency(int k, int n) {
    return (k <= n / 2 ? k : k - n) / static_cast<double>(n);
}

// The blur's transfer function: real, as both kernels are symmetric. Its constants are worked out
// once per guess (a sine and cosine per frequency bin cost a fifth of a deconvolution).
class Transfer {
public:
    explicit Transfer(const BlurGuess& guess)
        : focus_(guess.shape == BlurShape::focus),
          gauss_(-2 * kPi * kPi * guess.size * guess.size),
          along_x_(kPi * guess.size * std::cos(guess.degrees * kPi / 180)),
          along_y_(kPi * guess.size * std::sin(guess.degrees * kPi / 180)) {}
    double at(double fx, double fy) const {
        if (focus_) return std::exp(gauss_ * (fx * fx + fy * fy));
        const double x = along_x_ * fx + along_y_ * fy;
        return std::abs(x) < 1e-9 ? 1.0 : std::sin(x) / x;
    }

private:
    bool focus_;
    double gauss_, along_x_, along_y_;
};

// Maps the values inside [0, width) x [0, height) of a padded_width-wide float image to 0..255,
// the 1st and 99th percentiles to black and white. Values within a grey level of each other are a
// flat image (mean added back), not noise to stretch.
GreyImage stretched(const std::vector<float>& values, int padded_width, int width, int height,
                    float mean) {
    float lo = values[0], hi = values[0];
    for (int y = 0; y < height; ++y)
        for (int x = 0; x < width; ++x) {
            const float v = values[static_cast<std::size_t>(y) * padded_width + x];
            lo = std::min(lo, v);
            hi = std::max(hi, v);
        }
    if (hi - lo < 1.0f) {
        const auto flat = static_cast<std::uint8_t>(std::clamp(mean + (lo + hi) / 2, 0.0f, 255.0f));
        return {width, height, std::vector<std::uint8_t>(static_cast<std::size_t>(width) * height, flat)};
    }
    std::array<int, 256> histogram{};
    const float scale = 255.0f / (hi - lo);
    for (int y = 0; y < height; ++y)
        for (int x = 0; x < width; ++x)
            ++histogram[static_cast<std::size_t>(
                (values[static_cast<std::size_t>(y) * padded_width + x] - lo) * scale)];
    const int n = width * height;
    int below = 0, low_bin = 0, high_bin = 255;
    for (int b = 0; b < 256 && below + histogram[b] <= n / 100; ++b)
        below += histogram[b], low_bin = b + 1;
    int above = 0;
    for (int b = 255; b >= 0 && above + histogram[b] <= n / 100; --b)
        above += histogram[b], high_bin = b - 1;
    const float black = lo + static_cast<float>(low_bin) / scale;
    const float white = lo + static_cast<float>(high_bin + 1) / scale;
    const float gain = white > black ? 255.0f / (white - black) : 1.0f;
    GreyImage out{width, height, std::vector<std::uint8_t>(static_cast<std::size_t>(n))};
    for (int y = 0; y < height; ++y)
        for (int x = 0; x < width; ++x) {
            const float v = (values[static_cast<std::size_t>(y) * padded_width + x] - black) * gain;
            out.pixels[static_cast<std::size_t>(y) * width + x] =
                static_cast<std::uint8_t>(std::clamp(v, 0.0f, 255.0f));
        }
    return out;
}

} // namespace

BlurredRegion::~BlurredRegion() = default;
BlurredRegion::BlurredRegion(BlurredRegion&&) noexcept = default;
BlurredRegion& BlurredRegion::operator=(BlurredRegion&&) noexcept = default;

int BlurredRegion::padded_pixels(int width, int height) {
    return fft_size(width + 2 * kPadding) * fft_size(height + 2 * kPadding);
}

std::optional<BlurredRegion> BlurredRegion::of(const GreyImage& region) {
    if (region.width < 16 || region.height < 16 || region.width > kMaxDeblurSide ||
        region.height > kMaxDeblurSide)
        return std::nullopt;
    assert(region.pixels.size() == static_cast<std::size_t>(region.width) * region.height);
    BlurredRegion r;
    r.width_ = region.width;
    r.height_ = region.height;
    r.padded_width_ = fft_size(region.width + 2 * kPadding);
    r.padded_height_ = fft_size(region.height + 2 * kPadding);
    double sum = 0;
    for (std::uint8_t p : region.pixels)
        sum += p;
    r.mean_ = static_cast<float>(sum / static_cast<double>(region.pixels.size()));
    const int margin = std::clamp(std::min(region.width, region.height) / 8, 2, kPadding);
    const std::vector<float> wx = taper(region.width, margin), wy = taper(region.height, margin);
    std::vector<float> image(static_cast<std::size_t>(r.padded_width_) * r.padded_height_, 0.0f);
    for (int y = 0; y < region.height; ++y)
        for (int x = 0; x < region.width; ++x)
            image[static_cast<std::size_t>(y) * r.padded_width_ + x] =
                (region.pixels[static_cast<std::size_t>(y) * region.width + x] - r.mean_) *
                wx[static_cast<std::size_t>(x)] * wy[static_cast<std::size_t>(y)];
    r.transforms_ = std::make_unique<Transforms>();
    const int dims[2] = {r.padded_height_, r.padded_width_};
    r.transforms_->forward = kiss_fftnd_alloc(dims, 2, 0, nullptr, nullptr);
    r.transforms_->inverse = kiss_fftnd_alloc(dims, 2, 1, nullptr, nullptr);
    if (r.transforms_->forward == nullptr || r.transforms_->inverse == nullptr) return std::nullopt;
    static_assert(sizeof(kiss_fft_cpx) == 2 * sizeof(float));
    r.transforms_->real_to_spectrum(image, r.spectrum_);
    return r;
}

GreyImage BlurredRegion::deconvolved(const BlurGuess& guess, double noise) const {
    const int columns = padded_width_;
    std::vector<float> filtered(spectrum_.size());
    const Transfer transfer(guess);
    for (int ky = 0; ky < padded_height_; ++ky) {
        const double fy = frequency(ky, padded_height_);
        for (int kx = 0; kx < columns; ++kx) {
            const double h = transfer.at(frequency(kx, padded_width_), fy);
            const auto gain = static_cast<float>(h / (h * h + noise));
            const std::size_t i = (static_cast<std::size_t>(ky) * columns + kx) * 2;
            filtered[i] = spectrum_[i] * gain;
            filtered[i + 1] = spectrum_[i + 1] * gain;
        }
    }
    const std::vector<float> image = transforms_->spectrum_to_real(filtered);
    return stretched(image, padded_width_, width_, height_, mean_);
}

std::vector<BlurGuess> BlurredRegion::motion_guesses(int count, double min_length,
                                                     double max_length) const {
    // The real cepstrum: the inverse transform of the log power spectrum.
    std::vector<float> log_power(spectrum_.size(), 0.0f);
    for (std::size_t i = 0; i < spectrum_.size(); i += 2)
        log_power[i] = std::log(spectrum_[i] * spectrum_[i] + spectrum_[i + 1] * spectrum_[i + 1] +
                                1e-3f);
    const std::vector<float> cepstrum = transforms_->spectrum_to_real(log_power);
    struct Dip {
        float value;
        double length, degrees;
    };
    std::vector<Dip> dips;
    const int reach = static_cast<int>(std::ceil(max_length));
    const auto at = [&](int dx, int dy) {
        const int x = (dx % padded_width_ + padded_width_) % padded_width_;
        const int y = (dy % padded_height_ + padded_height_) % padded_height_;
        return cepstrum[static_cast<std::size_t>(y) * padded_width_ + x];
    };
    // A half plane: the cepstrum of a real image is symmetric about the origin.
    for (int dy = 0; dy <= reach; ++dy)
        for (int dx = -reach; dx <= reach; ++dx) {
            if (dy == 0 && dx <= 0) continue;
            const double r = std::hypot(dx, dy);
            if (r < min_length || r > max_length) continue;
            const float v = at(dx, dy);
            bool minimum = true;
            for (int ny = -1; ny <= 1 && minimum; ++ny)
                for (int nx = -1; nx <= 1; ++nx)
                    if ((nx != 0 || ny != 0) && at(dx + nx, dy + ny) < v) minimum = false;
            if (minimum) dips.push_back({v, r, std::atan2(dy, dx) * 180 / kPi});
        }
    std::sort(dips.begin(), dips.end(), [](const Dip& a, const Dip& b) { return a.value < b.value; });
    std::vector<BlurGuess> guesses;
    for (const Dip& d : dips) {
        if (static_cast<int>(guesses.size()) >= count) break;
        const bool new_direction = std::none_of(guesses.begin(), guesses.end(), [&](const auto& g) {
            const double apart = std::fmod(std::abs(g.degrees - d.degrees), 180.0);
            return std::min(apart, 180 - apart) < 15;
        });
        if (new_direction) guesses.push_back({BlurShape::motion, d.length, d.degrees});
    }
    return guesses;
}

} // namespace accred
