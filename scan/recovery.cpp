#include "recovery.h"

#include "scan/deblur.h"

#include <ZXing/ReadBarcode.h>
#include <algorithm>

namespace accred {
namespace {

// A repair of a region: enlarged by a factor chosen from its module size, sharpened (sigma in
// frame pixels, 0 = not), decoded with one binarizer.
struct RegionStep {
    const char* name;
    double sigma;
    double amount;
    bool global_binarizer;
};

// In order of what they read on the ImageMagick corpus's tuning seed (make_im_corpus.py --seed
// 1): enlarging alone reads most small codes, the strong mask most blurred ones.
constexpr RegionStep kRegionSteps[] = {
    {"region enlarged", 0, 0, false},
    {"region sharpened", 2.5, 4.0, false},
    {"region sharpened soft", 1.5, 2.0, false},
    {"region global", 2.5, 4.0, true},
};
// The whole frame's mask (sigma px, amount): the strongest that still helps at 2.5-3 px per
// module (-unsharp 0x2.5+4 in ImageMagick's terms).
constexpr double kFrameSigma = 2.5;
constexpr double kFrameAmount = 4.0;

// Focus blurs tried on a region no cheaper step read, sigma in frame pixels: the sharpening
// steps read up to about 1.4 px, and at 2.5-3 px per module nothing reads past about 2 px
// (docs/qr-pipeline.md, "the physical limit").
constexpr double kFocusGuesses[] = {1.7, 2.0};
// Streaks read from each region's cepstrum, the likeliest first; shorter than 3 px the sharpening
// steps read them, longer than 16 px at these module sizes nothing does.
constexpr int kMotionGuesses = 2;
constexpr double kMinStreak = 3, kMaxStreak = 16;
std::uint64_t area(int width, int height) {
    return static_cast<std::uint64_t>(width) * static_cast<std::uint64_t>(height);
}

QrRead to_read(const ZXing::Result& result) {
    QrRead read;
    const ZXing::ByteArray& bytes = result.bytes();
    read.bytes.assign(bytes.begin(), bytes.end());
    read.ec_level = result.ecLevel();
    const ZXing::Position& at = result.position();
    read.corners = {QrPoint{at.topLeft().x, at.topLeft().y},
                    QrPoint{at.topRight().x, at.topRight().y},
                    QrPoint{at.bottomRight().x, at.bottomRight().y},
                    QrPoint{at.bottomLeft().x, at.bottomLeft().y}};
    return read;
}

// What one repair of region costs: the enlarged copy, its sharpening, its decode.
std::uint64_t repair_cost(const CodeRegion& region, const RegionStep& step) {
    const int factor = region_enlargement(region.module);
    const std::uint64_t pixels = area(region.box.width * factor, region.box.height * factor);
    return pixels * (step.sigma > 0 ? 3 : 2);
}

// Decodes a region after one repair; the read's corners back in frame pixels.
std::optional<QrRead> repair_region(const GreyView& frame, const CodeRegion& region,
                                    const RegionStep& step, bool try_harder, QrReadWork& work) {
    const int factor = region_enlargement(region.module);
    GreyImage image = crop_scaled(frame, region.box, factor);
    work.filtered_pixels += image.pixels.size();
    if (step.sigma > 0) {
        image = unsharp_mask(image, step.sigma * factor, step.amount);
        work.filtered_pixels += image.pixels.size();
    }
    auto read = decode_grey({image.pixels.data(), image.width, image.height, image.width},
                            try_harder, step.global_binarizer, work);
    if (!read) return std::nullopt;
    const int x0 = std::max(0, region.box.x), y0 = std::max(0, region.box.y);
    for (QrPoint& p : read->corners)
        p = {x0 + (2 * p.x + 1) / (2 * factor), y0 + (2 * p.y + 1) / (2 * factor)};
    read->step = step.name;
    return read;
}

// Decodes one deconvolution of a region; the read's corners back in frame pixels.
std::optional<QrRead> decode_deblurred(const BlurredRegion& blurred, const BlurGuess& guess,
                                       const CodeRegion& region, bool try_harder,
                                       std::uint64_t budget_pixels, QrReadWork& work) {
    const int factor = region_enlargement(region.module);
    const GreyImage sharp = blurred.deconvolved(guess, kDeblurNoise);
    work.filtered_pixels += 2 * static_cast<std::uint64_t>(blurred.padded_pixels()); // inverse
    const GreyImage image = crop_scaled({sharp.pixels.data(), sharp.width, sharp.height, sharp.width},
                                        {0, 0, sharp.width, sharp.height}, factor);
    work.filtered_pixels += image.pixels.size();
    const GreyView view{image.pixels.data(), image.width, image.height, image.width};
    auto read = decode_grey(view, try_harder, false, work);
    // A streak's deconvolution rings along the motion, and the local binarizer's small blocks
    // take the ringing for module edges; one threshold for the whole region reads some of those.
    // The same image decoded again, no second deconvolution: the ImageMagick corpus's motion
    // class went from 29 to 34 of 48 frames on the tuning seed, 25 to 27 on the report seed. A
    // focus blur's deconvolution gained nothing from it (an oracle run of both, seed 1).
    if (!read && guess.shape == BlurShape::motion &&
        work.total() + image.pixels.size() <= budget_pixels)
        read = decode_grey(view, try_harder, true, work);
    if (!read) return std::nullopt;
    const int x0 = std::max(0, region.box.x), y0 = std::max(0, region.box.y);
    for (QrPoint& p : read->corners)
        p = {x0 + (2 * p.x + 1) / (2 * factor), y0 + (2 * p.y + 1) / (2 * factor)};
    read->step = guess.shape == BlurShape::focus ? "region deblurred (focus)"
                                                 : "region deblurred (motion)";
    return read;
}

// Every guess for one region, within the budget: the FFT once, then a deconvolution and a decode
// per guess (each costs its padded size twice, the enlarged copy and the decode).
std::optional<QrRead> deblur_region(const GreyView& frame, const CodeRegion& region,
                                    bool try_harder, std::uint64_t budget_pixels,
                                    QrReadWork& work) {
    const int factor = region_enlargement(region.module);
    const GreyImage crop = crop_scaled(frame, region.box, 1);
    const auto padded =
        static_cast<std::uint64_t>(BlurredRegion::padded_pixels(crop.width, crop.height));
    const std::uint64_t per_guess = 2 * padded + 2 * area(crop.width * factor, crop.height * factor);
    const std::uint64_t setup = crop.pixels.size() + 4 * padded; // the crop, forward, cepstrum
    if (work.total() + setup + per_guess > budget_pixels) return std::nullopt;
    auto blurred = BlurredRegion::of(crop);
    if (!blurred) return std::nullopt;
    work.filtered_pixels += setup;
    const std::vector<BlurGuess> streaks =
        blurred->motion_guesses(kMotionGuesses, kMinStreak, kMaxStreak);
    std::vector<BlurGuess> guesses;
    for (std::size_t i = 0; i < std::max(std::size(kFocusGuesses), streaks.size()); ++i) {
        if (i < std::size(kFocusGuesses)) guesses.push_back({BlurShape::focus, kFocusGuesses[i], 0});
        if (i < streaks.size()) guesses.push_back(streaks[i]);
    }
    for (const BlurGuess& guess : guesses) {
        if (work.total() + per_guess > budget_pixels) break;
        if (auto read = decode_deblurred(*blurred, guess, region, try_harder, budget_pixels, work))
            return read;
    }
    return std::nullopt;
}

} // namespace

std::optional<QrRead> deblur_regions(const GreyView& frame, const std::vector<CodeRegion>& regions,
                                     bool try_harder, std::uint64_t budget_pixels,
                                     QrReadWork& work) {
    for (std::size_t i = 0; i < std::min(regions.size(), kMaxRegions); ++i)
        if (auto read = deblur_region(frame, regions[i], try_harder, budget_pixels, work))
            return read;
    return std::nullopt;
}

std::optional<QrRead> decode_grey(const GreyView& image, bool try_harder, bool global_binarizer,
                                  QrReadWork& work) {
    ZXing::DecodeHints hints;
    hints.setFormats(ZXing::BarcodeFormat::QRCode);
    hints.setTryHarder(try_harder);
    hints.setTryRotate(false);
    hints.setTryDownscale(false);
    hints.setBinarizer(global_binarizer ? ZXing::Binarizer::GlobalHistogram
                                        : ZXing::Binarizer::LocalAverage);
    return decode_view(ZXing::ImageView(image.pixels, image.width, image.height,
                                        ZXing::ImageFormat::Lum, image.row_stride),
                       hints, work);
}

std::optional<QrRead> decode_view(const ZXing::ImageView& view, const ZXing::DecodeHints& hints,
                                  QrReadWork& work) {
    ++work.decodes;
    work.decoded_pixels += area(view.width(), view.height());
    const ZXing::Result result = ZXing::ReadBarcode(view, hints);
    if (!result.isValid()) return std::nullopt;
    return to_read(result);
}

std::optional<QrRead> repair_regions(const GreyView& frame, const std::vector<CodeRegion>& regions,
                                     bool try_harder, std::uint64_t budget_pixels,
                                     QrReadWork& work) {
    for (const RegionStep& step : kRegionSteps)
        for (std::size_t i = 0; i < std::min(regions.size(), kMaxRegions); ++i) {
            if (work.total() + repair_cost(regions[i], step) > budget_pixels) continue;
            if (auto read = repair_region(frame, regions[i], step, try_harder, work)) return read;
        }
    return std::nullopt;
}

std::optional<QrRead> read_sharpened_frame(const GreyView& frame, bool try_harder,
                                           std::uint64_t budget_pixels, QrReadWork& work) {
    const std::uint64_t frame_pixels = area(frame.width, frame.height);
    if (work.total() + 3 * frame_pixels > budget_pixels) return std::nullopt;
    const GreyImage whole = unsharp_mask(crop_scaled(frame, {0, 0, frame.width, frame.height}, 1),
                                         kFrameSigma, kFrameAmount);
    work.filtered_pixels += 2 * frame_pixels; // the copy and the sharpening
    auto read = decode_grey({whole.pixels.data(), whole.width, whole.height, whole.width},
                            try_harder, false, work);
    if (read) read->step = "frame sharpened";
    return read;
}

} // namespace accred
