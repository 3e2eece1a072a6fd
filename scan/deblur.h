// Deconvolution of a code's region: a focus or motion blur undone by a Wiener filter, for the read
// pipeline's repairs (recovery.h) when enlarging and sharpening were not enough.
//
// Why a Wiener filter and not a stronger unsharp mask: a blur of sigma 2 px or a streak of 8 px
// over modules 3 px wide leaves the code's finest detail at a few per cent of its contrast, and
// for a streak it is zero at some frequencies. A mask amplifies every frequency alike (noise with
// it) and cannot restore what the blur weakened most; the Wiener filter divides by the blur's own
// transfer function where it is strong and gives up where it is near zero. The blur is not known:
// a focus blur is tried at a few sizes, a streak's direction and length are read from the
// region's cepstrum (a straight streak of length L puts evenly spaced zeros in the spectrum,
// which show as a dip at distance L in the direction of motion).
#pragma once

#include "scan/grey_image.h"

#include <memory>
#include <optional>
#include <vector>

namespace accred {

enum class BlurShape { focus, motion };

// A guessed blur: a Gaussian of sigma `size` px, or a straight streak `size` px long at
// `degrees` (0 = along x, counter-clockwise in image coordinates with y down).
struct BlurGuess {
    BlurShape shape = BlurShape::focus;
    double size = 0;
    double degrees = 0;
};

// A region's spectrum, computed once and deconvolved with several guesses. The region is padded
// to a size the FFT handles quickly and its borders tapered towards its mean, so that the cut
// edges do not ring across the code.
class BlurredRegion {
public:
    // Nothing for an image under 16 or over kMaxDeblurSide pixels on a side.
    static std::optional<BlurredRegion> of(const GreyImage& region);
    ~BlurredRegion();
    BlurredRegion(BlurredRegion&&) noexcept;
    BlurredRegion& operator=(BlurredRegion&&) noexcept;

    // The region deconvolved by a Wiener filter for guess (noise: the noise-to-signal power
    // ratio it assumes, larger is smoother), contrast-stretched to 0..255, the region's size.
    GreyImage deconvolved(const BlurGuess& guess, double noise) const;

    // Up to count streaks read from the region's cepstrum, the likeliest first: each a distinct
    // direction, length between min_length and max_length px.
    std::vector<BlurGuess> motion_guesses(int count, double min_length, double max_length) const;

    // Pixels the FFT works on for a region of width x height (padded): what each transform costs.
    static int padded_pixels(int width, int height);
    int padded_pixels() const { return padded_width_ * padded_height_; }

private:
    struct Transforms;
    BlurredRegion() = default;
    int width_ = 0, height_ = 0;               // the region
    int padded_width_ = 0, padded_height_ = 0; // what the FFT works on
    float mean_ = 0;
    std::vector<float> spectrum_; // interleaved re, im: padded_height x padded_width
    std::unique_ptr<Transforms> transforms_;
};

// A code's region is cut about its finder patterns at native resolution: a few hundred pixels.
inline constexpr int kMaxDeblurSide = 1024;

} // namespace accred
