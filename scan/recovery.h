// The read pipeline's costly steps, tried on a frame only after the cheap ones (read_qr's first
// pass, ZXing's pyramid, the second look) read nothing, and only as far as a per-frame work
// budget allows.
//
// Why: a focus or motion blur smears neighbouring modules together until ZXing 1.4's binarizer
// merges them, and at under about two pixels per module its grid sampling lands between modules.
// An unsharp mask restores the contrast between modules; enlarging a small code two or three
// times gives the detector runs it can measure. Where the finder census saw finder patterns, the
// repair is applied to that region alone (a tenth of the frame or less); otherwise one sharpened
// copy of the whole frame is decoded.
#pragma once

#include "scan/code_regions.h"
#include "scan/grey_ops.h"
#include "scan/qr_read.h"
#include "scan/qr_read_work.h"

#include <cstddef>
#include <cstdint>
#include <optional>
#include <vector>

namespace ZXing {
class DecodeHints;
class ImageView;
} // namespace ZXing

namespace accred {

inline constexpr std::size_t kMaxRegions = 2; // regions repaired per frame; a badge shows one
// The Wiener filter's noise-to-signal ratio for every deconvolution: tuned on the ImageMagick
// corpus's seed 1 (0.01 gave up too early on sigma 1.8, 0.0005 amplified the noise past reading
// at 1.2).
inline constexpr double kDeblurNoise = 0.003;

// How many times a region of module-pixel modules is enlarged before decoding: ZXing samples
// modules of 4 pixels or more well; smaller ones are enlarged towards that.
inline int region_enlargement(double module) {
    return module < 2 ? 3 : module < 4 ? 2 : 1;
}

// Repairs of the first kMaxRegions regions (enlarged by their module size, sharpened or not,
// other binarizer), each skipped when it would take work's total past budget_pixels. The read's
// corners are in frame pixels and its step names the repair that read it.
std::optional<QrRead> repair_regions(const GreyView& frame, const std::vector<CodeRegion>& regions,
                                     bool try_harder, std::uint64_t budget_pixels,
                                     QrReadWork& work);

// Deconvolutions (deblur.h) of the first kMaxRegions of regions, busiest first: a focus blur at
// a few sizes and the streaks read from the region's cepstrum, each decoded enlarged by the
// region's module size (a streak's with ZXing's local binarizer, then its global one); each
// skipped when it would take work's total past budget_pixels. For
// codes so blurred that the finder census saw no finder pattern (regions from textured_regions).
std::optional<QrRead> deblur_regions(const GreyView& frame, const std::vector<CodeRegion>& regions,
                                     bool try_harder, std::uint64_t budget_pixels,
                                     QrReadWork& work);

// The whole frame sharpened and decoded; nothing when that would take work's total past
// budget_pixels.
std::optional<QrRead> read_sharpened_frame(const GreyView& frame, bool try_harder,
                                           std::uint64_t budget_pixels, QrReadWork& work);

// One ZXing pass with the given hints, counted in work: the first valid read, its corners in the
// view's pixels.
std::optional<QrRead> decode_view(const ZXing::ImageView& view, const ZXing::DecodeHints& hints,
                                  QrReadWork& work);

// One ZXing pass over a greyscale image (QR only, no rotation or pyramid): the first valid read.
std::optional<QrRead> decode_grey(const GreyView& image, bool try_harder, bool global_binarizer,
                                  QrReadWork& work);

} // namespace accred
