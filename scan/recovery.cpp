#include "recovery.h"

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

// ZXing samples modules of 4 pixels or more well; smaller ones are enlarged towards that.
int enlargement(double module) {
    return module < 2 ? 3 : module < 4 ? 2 : 1;
}

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
    const int factor = enlargement(region.module);
    const std::uint64_t pixels = area(region.box.width * factor, region.box.height * factor);
    return pixels * (step.sigma > 0 ? 3 : 2);
}

// Decodes a region after one repair; the read's corners back in frame pixels.
std::optional<QrRead> repair_region(const GreyView& frame, const CodeRegion& region,
                                    const RegionStep& step, bool try_harder, QrReadWork& work) {
    const int factor = enlargement(region.module);
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

} // namespace

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
