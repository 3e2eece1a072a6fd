// deblur_oracle --corpus DIR: how close the kiosk's deconvolution comes to the same deconvolution
// told the blur. On the focus and motion frames of make_im_corpus.py's corpus, side by side per
// swept setting:
//   kiosk    accred::read_qr with the scanner's settings (within its per-frame budget)
//   oracle   the kiosk's own patch search (textured_regions), then a Wiener deconvolution of
//            each of its two busiest patches with the blur the manifest says the frame has: a
//            focus sigma within 0.3 px of it (0.1 px steps), or a streak of the stated length
//            or 1 px either side at every 5 degrees (the angle is not recorded); decoded with
//            both of ZXing's binarizers, enlarged as the kiosk enlarges. No budget.
// What the oracle cannot read, the kiosk's deconvolution cannot either, whatever its guesses:
// that is where the blur, not the guessing, stops the read (docs/qr-pipeline.md).
// Exit 0 on success, 2 on bad usage or an unreadable corpus.
#include "bench/qr_corpus.h"
#include "kiosk/sources/scanner.h"
#include "scan/deblur.h"
#include "scan/grey_ops.h"
#include "scan/qr_reader.h"
#include "scan/recovery.h"
#include "scan/textured_regions.h"

#include <ZXing/ReadBarcode.h>
#include <cstdio>
#include <cstdlib>
#include <cstring>
#include <map>
#include <string>
#include <vector>

using namespace accred;

namespace {

// The deconvolved region enlarged as the kiosk enlarges it, decoded with either binarizer.
bool decodes(const GreyImage& sharp, double module, const std::string& expected) {
    const int factor = region_enlargement(module);
    const GreyImage big = crop_scaled({sharp.pixels.data(), sharp.width, sharp.height, sharp.width},
                                      {0, 0, sharp.width, sharp.height}, factor);
    const GreyView view{big.pixels.data(), big.width, big.height, big.width};
    for (const bool global : {false, true}) {
        QrReadWork work;
        const auto read = decode_grey(view, true, global, work);
        if (read && read->bytes == expected) return true;
    }
    return false;
}

// Every blur the oracle tries on a frame of this condition and setting ("sigma 1.8 px",
// "9 px streak").
std::vector<BlurGuess> told_blurs(const bench::CorpusItem& item) {
    std::vector<BlurGuess> blurs;
    const double stated =
        std::atof(item.setting.c_str() + (item.condition == "focus_blur" ? 6 : 0));
    if (item.condition == "focus_blur")
        for (int d = -3; d <= 3; ++d)
            blurs.push_back({BlurShape::focus, stated + 0.1 * d, 0});
    else
        for (const double length : {stated, stated - 1, stated + 1})
            for (int degrees = 0; degrees < 180; degrees += 5)
                blurs.push_back({BlurShape::motion, length, static_cast<double>(degrees)});
    return blurs;
}

bool oracle_reads(const GreyImage& frame, const bench::CorpusItem& item) {
    const GreyView view{frame.pixels.data(), frame.width, frame.height, frame.width};
    for (const CodeRegion& patch : textured_regions(view, 64, 480, 2)) {
        const auto blurred = BlurredRegion::of(crop_scaled(view, patch.box, 1));
        if (!blurred) continue;
        for (const BlurGuess& blur : told_blurs(item))
            if (decodes(blurred->deconvolved(blur, kDeblurNoise), patch.module, item.expected))
                return true;
    }
    return false;
}

} // namespace

int main(int argc, char** argv) {
    if (argc != 3 || std::strcmp(argv[1], "--corpus") != 0) {
        std::fprintf(stderr, "usage: deblur_oracle --corpus DIR   (make_im_corpus.py's output)\n");
        return 2;
    }
    const std::string dir = argv[2];
    auto items = bench::read_manifest(dir);
    if (!items)
        return std::fprintf(stderr, "deblur_oracle: %s\n", items.error().message.c_str()), 2;
    const QrReadOptions kiosk = ScannerOptions{}.qr;
    struct Tally {
        std::string condition, setting;
        int frames = 0, kiosk = 0, oracle = 0;
    };
    std::map<std::pair<std::string, int>, Tally> rows; // (condition, severity): a swept setting
    for (const bench::CorpusItem& item : items.value()) {
        if (item.condition != "focus_blur" && item.condition != "motion_blur") continue;
        auto frame = load_grey_image(dir + "/" + item.file);
        if (!frame)
            return std::fprintf(stderr, "deblur_oracle: %s\n", frame.error().message.c_str()), 2;
        const ZXing::ImageView view(frame->pixels.data(), frame->width, frame->height,
                                    ZXing::ImageFormat::Lum);
        const auto read = read_qr(view, kiosk);
        const bool kiosk_read = read && read->bytes == item.expected;
        Tally& t = rows[{item.condition, item.severity}];
        t.condition = item.condition;
        t.setting = item.setting;
        ++t.frames;
        t.kiosk += kiosk_read;
        // A frame the kiosk read by a cheaper step counts for the oracle too: the question is
        // what the deconvolution could add.
        t.oracle += kiosk_read || oracle_reads(*frame, item);
        std::fprintf(stderr, "\r%s", item.file.c_str());
    }
    std::fprintf(stderr, "\n");
    std::printf("deconvolution told the blur, against the kiosk, on %s\n", dir.c_str());
    std::printf("%-12s %-16s %8s %8s\n", "condition", "setting", "kiosk", "oracle");
    std::map<std::string, Tally> totals;
    for (const auto& [key, t] : rows) {
        std::printf("%-12s %-16s %5d/%-2d %5d/%-2d\n", t.condition.c_str(), t.setting.c_str(),
                    t.kiosk, t.frames, t.oracle, t.frames);
        Tally& all = totals[t.condition];
        all.frames += t.frames;
        all.kiosk += t.kiosk;
        all.oracle += t.oracle;
    }
    for (const auto& [condition, t] : totals)
        std::printf("%-12s %-16s %5d/%-2d %5d/%-2d\n", condition.c_str(), "(all)", t.kiosk,
                    t.frames, t.oracle, t.frames);
    return 0;
}
