// qr_corpus_bench --corpus DIR [--tune] [--no-peers]: read rate and time per frame on the
// camera-condition corpus (made by make_qr_corpus), side by side on the same images for
//   kiosk            accred::read_qr with the scanner's settings (ScannerOptions::qr), in-process
//   ZXing defaults   ZXing::ReadBarcode with default DecodeHints (all formats), in-process
//   ZXingReader      /usr/bin/ZXingReader, default options, one process for all images
//   zbarimg          /usr/bin/zbarimg (zbar-tools), defaults, one process for all images
// A read counts only when the decoded text equals the credential the image shows. In-process
// times are per decode (image already in memory); the tools' time is their wall time divided by
// the number of images, so it includes process start and reading the PGM file.
// --tune adds the ZXing option sets that were compared when choosing the kiosk's settings.
#include "bench/peer_decoders.h"
#include "bench/qr_corpus.h"
#include "scan/grey_image.h"
#include "scan/qr_reader.h"
#include "kiosk/sources/scanner.h"

#include <ZXing/ReadBarcode.h>
#include <algorithm>
#include <chrono>
#include <cstdio>
#include <cstring>
#include <functional>
#include <map>
#include <optional>

using namespace accred;
using namespace accred::bench;

namespace {

using Decoder = std::function<std::optional<std::string>(const ZXing::ImageView&)>;

struct Column {
    std::string name;
    std::vector<bool> read; // per corpus item
    std::vector<double> ms; // per item, in-process decoders only
    double wall_per_frame_ms = 0;
};

std::optional<std::string> zxing_with(const ZXing::ImageView& v, const ZXing::DecodeHints& h) {
    const ZXing::Result r = ZXing::ReadBarcode(v, h);
    if (!r.isValid()) return std::nullopt;
    return std::string(r.bytes().begin(), r.bytes().end());
}

ZXing::DecodeHints qr_hints(bool harder, bool rotate, bool downscale, ZXing::Binarizer b) {
    ZXing::DecodeHints h;
    h.setFormats(ZXing::BarcodeFormat::QRCode);
    h.setTryHarder(harder).setTryRotate(rotate).setTryDownscale(downscale).setBinarizer(b);
    return h;
}

std::vector<std::pair<std::string, Decoder>> decoders(bool tune) {
    std::vector<std::pair<std::string, Decoder>> d;
    d.emplace_back("kiosk", [](const ZXing::ImageView& v) -> std::optional<std::string> {
        auto r = read_qr(v, ScannerOptions{}.qr);
        if (!r) return std::nullopt;
        return r->bytes;
    });
    d.emplace_back("ZXing defaults",
                   [](const ZXing::ImageView& v) { return zxing_with(v, ZXing::DecodeHints{}); });
    if (!tune) return d;
    d.emplace_back("kiosk, fast first",
                   [](const ZXing::ImageView& v) -> std::optional<std::string> {
                       QrReadOptions o = ScannerOptions{}.qr;
                       o.try_harder = false;
                       auto r = read_qr(v, o);
                       if (!r) return std::nullopt;
                       return r->bytes;
                   });
    using B = ZXing::Binarizer;
    const auto qr = [](bool harder, bool downscale, B b, int threshold = 500, int factor = 3) {
        ZXing::DecodeHints h = qr_hints(harder, false, downscale, b);
        h.setDownscaleThreshold(static_cast<std::uint16_t>(threshold));
        h.setDownscaleFactor(static_cast<std::uint8_t>(factor));
        return h;
    };
    // Each option set is a list of passes, tried in order until one reads.
    const std::vector<std::pair<const char*, std::vector<ZXing::DecodeHints>>> sets = {
        {"harder", {qr(true, false, B::LocalAverage)}},
        {"harder down", {qr(true, true, B::LocalAverage)}},
        {"harder rot down", {qr_hints(true, true, true, B::LocalAverage)}},
        {"fast", {qr(false, false, B::LocalAverage)}},
        {"fast down", {qr(false, true, B::LocalAverage)}},
        {"harder global", {qr(true, false, B::GlobalHistogram)}},
        {"harder down2", {qr(true, true, B::LocalAverage, 240, 2)}},
        {"fast+harder", {qr(false, false, B::LocalAverage), qr(true, true, B::LocalAverage)}},
        {"harder+global", {qr(true, true, B::LocalAverage), qr(true, false, B::GlobalHistogram)}},
        {"harder+down2",
         {qr(true, true, B::LocalAverage), qr(true, true, B::LocalAverage, 360, 2)}},
        {"fast+harder+glob",
         {qr(false, false, B::LocalAverage), qr(true, true, B::LocalAverage),
          qr(true, false, B::GlobalHistogram)}},
    };
    for (const auto& [name, passes] : sets)
        d.emplace_back(name, [passes](const ZXing::ImageView& v) -> std::optional<std::string> {
            for (const ZXing::DecodeHints& h : passes)
                if (auto r = zxing_with(v, h)) return r;
            return std::nullopt;
        });
    return d;
}

double percentile(std::vector<double> v, double p) {
    if (v.empty()) return 0;
    std::sort(v.begin(), v.end());
    return v[std::min(v.size() - 1, static_cast<std::size_t>(p * static_cast<double>(v.size())))];
}

void print_table(const std::vector<CorpusItem>& items, const std::vector<Column>& cols) {
    std::printf("%-14s %-22s", "condition", "settings (sev 1..5)");
    for (const Column& c : cols)
        std::printf(" %14.14s", c.name.c_str());
    std::printf("\n");
    auto row = [&](const std::string& label, const std::string& setting, auto&& pick) {
        std::printf("%-14s %-22.22s", label.c_str(), setting.c_str());
        for (const Column& c : cols) {
            int n = 0, ok = 0;
            for (std::size_t i = 0; i < items.size(); ++i)
                if (pick(items[i])) ++n, ok += c.read[i] ? 1 : 0;
            char cell[32];
            std::snprintf(cell, sizeof cell, "%d/%d", ok, n);
            std::printf(" %14s", cell);
        }
        std::printf("\n");
    };
    for (const std::string& cond : corpus_conditions()) {
        std::string first, last;
        for (const CorpusItem& it : items)
            if (it.condition == cond) {
                if (first.empty() && it.severity == 1) first = it.setting;
                if (it.severity == kSeverities) last = it.setting;
            }
        row(cond, first + ".." + last, [&](const CorpusItem& it) { return it.condition == cond; });
    }
    for (int s = 1; s <= kSeverities; ++s)
        row("severity " + std::to_string(s), "",
            [&](const CorpusItem& it) { return it.severity == s; });
    row("overall", "", [](const CorpusItem&) { return true; });
    std::printf("%-14s %-22s", "ms/frame", "median / p99");
    for (const Column& c : cols) {
        char cell[32];
        if (c.ms.empty())
            std::snprintf(cell, sizeof cell, "%.1f wall", c.wall_per_frame_ms);
        else
            std::snprintf(cell, sizeof cell, "%.1f / %.1f", percentile(c.ms, 0.5),
                          percentile(c.ms, 0.99));
        std::printf(" %14s", cell);
    }
    std::printf("\n");
}

} // namespace

int main(int argc, char** argv) {
    std::string dir;
    bool tune = false, peers = true;
    for (int i = 1; i < argc; ++i) {
        if (std::strcmp(argv[i], "--corpus") == 0 && i + 1 < argc)
            dir = argv[++i];
        else if (std::strcmp(argv[i], "--tune") == 0)
            tune = true;
        else if (std::strcmp(argv[i], "--no-peers") == 0)
            peers = false;
        else
            return std::fprintf(stderr,
                                "usage: qr_corpus_bench --corpus DIR [--tune] [--no-peers]\n"),
                   1;
    }
    if (dir.empty())
        return std::fprintf(stderr, "usage: qr_corpus_bench --corpus DIR [--tune] [--no-peers]\n"),
               1;
    auto items = read_manifest(dir);
    if (!items)
        return std::fprintf(stderr, "qr_corpus_bench: %s\n", items.error().message.c_str()), 2;
    std::vector<GreyImage> images;
    std::vector<std::string> files;
    for (const CorpusItem& it : items.value()) {
        auto img = load_grey_image(dir + "/" + it.file);
        if (!img)
            return std::fprintf(stderr, "qr_corpus_bench: %s\n", img.error().message.c_str()), 2;
        images.push_back(std::move(img).value());
        files.push_back(it.file);
    }
    std::vector<Column> cols;
    for (auto& [name, decode] : decoders(tune)) {
        Column c{name, {}, {}, 0};
        for (std::size_t i = 0; i < images.size(); ++i) {
            const ZXing::ImageView view(images[i].pixels.data(), images[i].width, images[i].height,
                                        ZXing::ImageFormat::Lum);
            const auto t = std::chrono::steady_clock::now();
            const auto text = decode(view);
            c.ms.push_back(
                std::chrono::duration<double, std::milli>(std::chrono::steady_clock::now() - t)
                    .count());
            c.read.push_back(text && *text == (*items)[i].expected);
        }
        cols.push_back(std::move(c));
    }
    if (peers) {
        for (auto [name, runner] :
             {std::pair{"ZXingReader", &run_zxing_reader}, std::pair{"zbarimg", &run_zbarimg}}) {
            auto run = runner(dir, files);
            if (!run)
                return std::fprintf(stderr, "qr_corpus_bench: %s\n", run.error().message.c_str()),
                       2;
            Column c{name, {}, {}, 1000 * run->wall_seconds / static_cast<double>(files.size())};
            for (std::size_t i = 0; i < files.size(); ++i)
                c.read.push_back(run->texts[files[i]].contains((*items)[i].expected));
            cols.push_back(std::move(c));
        }
    }
    std::printf(
        "camera-condition corpus: %zu images %dx%d from %s; a read = the credential's exact text\n",
        images.size(), images.empty() ? 0 : images[0].width, images.empty() ? 0 : images[0].height,
        dir.c_str());
    print_table(items.value(), cols);
    return 0;
}
