#include "qr_reader.h"

#include "scan/finder_census.h"
#include "scan/grey_image.h"
#include "scan/recovery.h"
#include "scan/second_look.h"
#include "scan/textured_regions.h"

#include <ZXing/ReadBarcode.h>
#include <algorithm>
#include <cmath>
#include <ctime>

namespace accred {
namespace {

// ZXing 1.4's image pyramid: a picture whose shorter side is at least this is also searched
// downscaled by kDownscaleFactor (its DecodeHints defaults), for codes too large or blurred to be
// read at full size.
constexpr int kDownscaleThreshold = 500;
constexpr int kDownscaleFactor = 3;
// A busy patch that may be a blurred code (textured_regions): a credential's code of about 60
// modules at 1 to 7 px per module.
constexpr int kMinPatchSide = 64;
constexpr int kMaxPatchSide = 480;

// The picture shrunk kDownscaleFactor times, each pixel the mean of a block (as ZXing's pyramid).
GreyImage downscaled(const GreyView& image) {
    GreyImage out;
    out.width = image.width / kDownscaleFactor;
    out.height = image.height / kDownscaleFactor;
    out.pixels.resize(static_cast<std::size_t>(out.width) * out.height);
    for (int y = 0; y < out.height; ++y)
        for (int x = 0; x < out.width; ++x) {
            int sum = 0;
            for (int dy = 0; dy < kDownscaleFactor; ++dy)
                for (int dx = 0; dx < kDownscaleFactor; ++dx)
                    sum += image.pixels[static_cast<std::size_t>(y * kDownscaleFactor + dy) *
                                            static_cast<std::size_t>(image.row_stride) +
                                        static_cast<std::size_t>(x * kDownscaleFactor + dx)];
            out.pixels[static_cast<std::size_t>(y) * out.width + x] =
                static_cast<std::uint8_t>(sum / (kDownscaleFactor * kDownscaleFactor));
        }
    return out;
}

// The full-size picture first, then (if large enough) the downscaled one. ZXing would do both
// itself (tryDownscale), but in 1.4 it searches every layer even after the first found a code,
// so a badge read at full size would pay for the second layer too.
std::optional<QrRead> decode_with_pyramid(const GreyView& image, bool try_harder,
                                          QrReadWork& work) {
    if (auto read = decode_grey(image, try_harder, false, work)) return read;
    if (std::min(image.width, image.height) < kDownscaleThreshold) return std::nullopt;
    const GreyImage small = downscaled(image);
    work.filtered_pixels += small.pixels.size();
    auto read = decode_grey({small.pixels.data(), small.width, small.height, small.width},
                            try_harder, false, work);
    if (!read) return std::nullopt;
    for (QrPoint& p : read->corners) // back into the frame's coordinates
        p = {p.x * kDownscaleFactor + kDownscaleFactor / 2,
             p.y * kDownscaleFactor + kDownscaleFactor / 2};
    read->step = "pyramid";
    return read;
}

// What read_second_look costs on frame, in QrReadWork's units: the turned copy and its decode,
// and the pyramid's third-size copy and decode when the frame is large enough for one.
std::uint64_t second_look_cost(const GreyView& frame) {
    const auto pixels = static_cast<std::uint64_t>(frame.width) * frame.height;
    const auto small = static_cast<std::uint64_t>(frame.width / kDownscaleFactor) *
                       static_cast<std::uint64_t>(frame.height / kDownscaleFactor);
    return 2 * pixels + (std::min(frame.width, frame.height) >= kDownscaleThreshold ? 2 * small : 0);
}

// Decodes from second_look(frame), the read's corners back in the frame's coordinates.
std::optional<QrRead> read_second_look(const GreyView& frame, bool try_harder, QrReadWork& work) {
    const GreyImage turned = second_look(frame.pixels, frame.width, frame.height, frame.row_stride);
    work.filtered_pixels += turned.pixels.size();
    auto read = decode_with_pyramid(
        {turned.pixels.data(), turned.width, turned.height, turned.width}, try_harder, work);
    if (!read) return std::nullopt;
    read->second_look = true;
    read->step = "second look";
    for (QrPoint& p : read->corners) {
        double x = 0, y = 0;
        second_look_to_frame(p.x, p.y, frame.width, frame.height, x, y);
        p = {static_cast<int>(std::lround(x)), static_cast<int>(std::lround(y))};
    }
    return read;
}

// The CPU time this thread has used. The bait guard measures it rather than the wall clock: on a
// loaded machine (other processes on the cores) a camera frame's first pass can take 60 ms of
// wall time, which would pass for a stalled detector and cut the pipeline short; a stalled
// detector burns the CPU time itself.
std::chrono::nanoseconds thread_cpu_time() {
    timespec now{};
    clock_gettime(CLOCK_THREAD_CPUTIME_ID, &now);
    return std::chrono::seconds(now.tv_sec) + std::chrono::nanoseconds(now.tv_nsec);
}

// The read pipeline on a greyscale frame the census let through (hits: its finder-pattern
// cross-sections): cheap passes first, each costlier step only when the ones before read
// nothing, within the work budget.
std::optional<QrRead> read_grey(const GreyView& frame, const std::vector<FinderHit>& hits,
                                const QrReadOptions& options, QrReadWork& work) {
    const auto started = thread_cpu_time();
    if (auto read = decode_with_pyramid(frame, options.try_harder, work)) return read;
    // A first pass far slower than a camera frame's means bait built to stall the detector
    // (docs/threat-model.md, 4.6): decoding it again would only prolong the stall.
    if (thread_cpu_time() - started >= options.second_look_budget) return std::nullopt;
    const auto budget = static_cast<std::uint64_t>(options.recovery_budget *
                                                   static_cast<double>(frame.width) * frame.height);
    // The repairs leave room for the second look after them, so that the whole stays within the
    // budget (tests/scan/deblur_test.cpp, "hostile frames": without it, large repairs of a noisy
    // frame's false regions took it 1.4 frames over).
    const std::uint64_t reserve = options.second_look ? second_look_cost(frame) : 0;
    if (budget > reserve)
        if (auto read = repair_regions(frame, code_regions(hits), options.try_harder,
                                       budget - reserve, work))
            return read;
    if (options.second_look && frame.width >= 2 && frame.height >= 2)
        if (auto read = read_second_look(frame, options.try_harder, work)) return read;
    // The sharpened frame costs three frames' work: only where the census saw at least one
    // finder-like cross-section, so that a scene without a badge costs what it did before.
    if (!hits.empty())
        if (auto read = read_sharpened_frame(frame, options.try_harder, budget, work)) return read;
    // A code blurred past the census's sight still shows as a busy square patch; the scan for
    // one reads a quarter of the frame's pixels, counted before it runs so that it too stays
    // within the budget (tests/scan/deblur_test.cpp, "hostile frames").
    const std::uint64_t patch_scan = static_cast<std::uint64_t>(frame.width) * frame.height / 4;
    if (budget == 0 || work.total() + patch_scan > budget) return std::nullopt;
    work.filtered_pixels += patch_scan;
    const std::vector<CodeRegion> patches =
        textured_regions(frame, kMinPatchSide, kMaxPatchSide, static_cast<int>(kMaxRegions));
    return deblur_regions(frame, patches, options.try_harder, budget, work);
}

// Colour or packed images (a photo handed to `issuer inspect`): ZXing alone, no pipeline.
std::optional<QrRead> read_other(const ZXing::ImageView& image, const QrReadOptions& options,
                                 QrReadWork& work) {
    ZXing::DecodeHints hints;
    hints.setFormats(ZXing::BarcodeFormat::QRCode);
    hints.setTryHarder(options.try_harder);
    hints.setTryRotate(options.try_rotate);
    hints.setTryDownscale(false); // as before the pipeline: the pyramid is for grey frames
    return decode_view(image, hints, work);
}

} // namespace

std::optional<QrRead> read_qr(const ZXing::ImageView& image, const QrReadOptions& options,
                              QrReadWork* work) {
    QrReadWork local;
    QrReadWork& w = work != nullptr ? *work : local;
    const bool grey = image.format() == ZXing::ImageFormat::Lum && image.pixStride() == 1 &&
                      image.rowStride() >= image.width();
    if (!grey) return read_other(image, options, w);
    // maxNumberOfSymbols stays at its default: in ZXing 1.4, asking for one symbol takes a slower
    // path (3.1 against 2.3 ms on a 1280x720 frame, same codes read); the first is used anyway.
    // A picture with dozens of finder-pattern look-alikes is bait for ZXing's cubic detector,
    // not a badge: refuse it before it can stall the decoder (finder_census.h).
    std::vector<FinderHit> hits;
    if (options.max_finder_like_patterns > 0 &&
        count_finder_like_patterns(image.data(0, 0), image.width(), image.height(),
                                   image.rowStride(), &hits) > options.max_finder_like_patterns)
        return std::nullopt;
    return read_grey({image.data(0, 0), image.width(), image.height(), image.rowStride()}, hits,
                     options, w);
}

} // namespace accred
