// qr_corpus_bench --corpus DIR [--corpus DIR...] [--tune] [--no-peers]: read rate and time per
// frame on each corpus given (make_qr_corpus's camera-condition corpus, make_im_corpus.py's
// ImageMagick corpus: its table has a row per swept setting), side by side on the same images for
//   kiosk            accred::read_qr with the scanner's settings (ScannerOptions::qr), in-process
//   ZXing defaults   ZXing::ReadBarcode with default DecodeHints (all formats), in-process
//   ZXingReader      /usr/bin/ZXingReader, default options, one process for all images
//   zbarimg          /usr/bin/zbarimg (zbar-tools), defaults, one process for all images
// A read counts only when the decoded text equals the credential the image shows. In-process
// times are per decode (image already in memory); the tools' time is their wall time divided by
// the number of images, so it includes process start and reading the image file.
// --presentations BADGE_DIR and --clips DIR time a badge brought up to the camera (camera
// simulator clips, make_im_clips.py's Y4M clips): share read, time to verdict.
// --tune adds the ZXing option sets that were compared when choosing the kiosk's settings.
#include "bench/peer_decoders.h"
#include "bench/presentation.h"
#include "bench/qr_corpus.h"
#include "crypto/file_io.h"
#include "kiosk/sources/scanner.h"
#include "kiosk/sources/y4m_format.h"
#include "scan/grey_image.h"
#include "scan/qr_reader.h"

#include <ZXing/ReadBarcode.h>
#include <algorithm>
#include <array>
#include <chrono>
#include <cstdio>
#include <cstdlib>
#include <cstring>
#include <functional>
#include <map>
#include <memory>
#include <optional>
#include <sstream>

using namespace accred;
using namespace accred::bench;

namespace {

struct Decoded {
    std::string text;
    std::string step; // the kiosk pipeline's step that read it (QrRead::step); empty for others
};

using Decoder = std::function<std::optional<Decoded>(const ZXing::ImageView&)>;

struct Column {
    std::string name;
    std::vector<bool> read; // per corpus item
    std::vector<double> ms; // per item, in-process decoders only
    double wall_per_frame_ms = 0;
    std::map<std::string, int> steps; // correct reads per pipeline step
};

// ZXing 1.4 with all formats can throw: its Micro QR sampler (SampleMQR) threw std::out_of_range
// on a camera-simulator presentation frame. That frame counts as not read, as the kiosk's scanner
// counts a frame whose decode threw (it reads QR codes only, so that sampler never runs there).
std::optional<Decoded> zxing_with(const ZXing::ImageView& v, const ZXing::DecodeHints& h) {
    try {
        const ZXing::Result r = ZXing::ReadBarcode(v, h);
        if (!r.isValid()) return std::nullopt;
        return Decoded{std::string(r.bytes().begin(), r.bytes().end()), ""};
    } catch (const std::exception&) {
        return std::nullopt;
    }
}

Decoder kiosk_with(QrReadOptions o) {
    return [o](const ZXing::ImageView& v) -> std::optional<Decoded> {
        auto r = read_qr(v, o);
        if (!r) return std::nullopt;
        return Decoded{r->bytes, r->step};
    };
}

ZXing::DecodeHints qr_hints(bool harder, bool rotate, bool downscale, ZXing::Binarizer b) {
    ZXing::DecodeHints h;
    h.setFormats(ZXing::BarcodeFormat::QRCode);
    h.setTryHarder(harder).setTryRotate(rotate).setTryDownscale(downscale).setBinarizer(b);
    return h;
}

std::vector<std::pair<std::string, Decoder>> decoders(bool tune) {
    std::vector<std::pair<std::string, Decoder>> d;
    d.emplace_back("kiosk", kiosk_with(ScannerOptions{}.qr));
    QrReadOptions cheap = ScannerOptions{}.qr;
    cheap.recovery_budget = 0;
    d.emplace_back("kiosk, cheap only", kiosk_with(cheap));
    d.emplace_back("ZXing defaults",
                   [](const ZXing::ImageView& v) { return zxing_with(v, ZXing::DecodeHints{}); });
    if (!tune) return d;
    QrReadOptions fast = ScannerOptions{}.qr;
    fast.try_harder = false;
    d.emplace_back("kiosk, fast first", kiosk_with(fast));
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
        d.emplace_back(name, [passes](const ZXing::ImageView& v) -> std::optional<Decoded> {
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

// One row of the table: how many of the items pick() selects each column read.
template <typename Pick>
void print_row(const std::vector<CorpusItem>& items, const std::vector<Column>& cols,
               const std::string& label, const std::string& setting, Pick&& pick) {
    std::printf("%-14s %-24.24s", label.c_str(), setting.c_str());
    for (const Column& c : cols) {
        int n = 0, ok = 0;
        for (std::size_t i = 0; i < items.size(); ++i)
            if (pick(items[i])) ++n, ok += c.read[i] ? 1 : 0;
        char cell[32];
        std::snprintf(cell, sizeof cell, "%d/%d", ok, n);
        std::printf(" %14s", cell);
    }
    std::printf("\n");
}

// The conditions in the order the manifest first lists them, and each one's highest level.
std::vector<std::pair<std::string, int>> conditions_of(const std::vector<CorpusItem>& items) {
    std::vector<std::pair<std::string, int>> out;
    for (const CorpusItem& it : items) {
        auto at = std::find_if(out.begin(), out.end(),
                               [&](const auto& c) { return c.first == it.condition; });
        if (at == out.end())
            out.emplace_back(it.condition, it.severity);
        else
            at->second = std::max(at->second, it.severity);
    }
    return out;
}

// The setting shared by every item of a condition's level, or "level N" when they differ.
std::string level_setting(const std::vector<CorpusItem>& items, const std::string& cond, int s) {
    std::string setting;
    for (const CorpusItem& it : items)
        if (it.condition == cond && it.severity == s) {
            if (!setting.empty() && setting != it.setting) return "level " + std::to_string(s);
            setting = it.setting;
        }
    return setting;
}

void print_table(const std::vector<CorpusItem>& items, const std::vector<Column>& cols,
                 bool sweep) {
    std::printf("%-14s %-24s", "condition", sweep ? "setting" : "settings (sev 1..5)");
    for (const Column& c : cols)
        std::printf(" %14.14s", c.name.c_str());
    std::printf("\n");
    const auto conditions = conditions_of(items);
    for (const auto& [cond, levels] : conditions) {
        if (sweep)
            for (int s = 1; s <= levels; ++s)
                print_row(items, cols, cond, level_setting(items, cond, s),
                          [&](const auto& it) { return it.condition == cond && it.severity == s; });
        print_row(items, cols, cond,
                  sweep ? "(all)"
                        : level_setting(items, cond, 1) + ".." + level_setting(items, cond, levels),
                  [&](const CorpusItem& it) { return it.condition == cond; });
    }
    if (!sweep)
        for (int s = 1; s <= kSeverities; ++s)
            print_row(items, cols, "severity " + std::to_string(s), "",
                      [&](const CorpusItem& it) { return it.severity == s; });
    if (sweep)
        print_row(items, cols, "module>=1.5px", "every condition",
                  [](const CorpusItem& it) { return it.module_px >= 1.5; });
    print_row(items, cols, "overall", "", [](const CorpusItem&) { return true; });
    std::printf("%-14s %-24s", "ms/frame", "median / p99");
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

// Decodes every image of one corpus with every column and prints its table. Exit code.
int run_corpus(const std::string& dir, bool tune, bool peers) {
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
        Column c{name, {}, {}, 0, {}};
        for (std::size_t i = 0; i < images.size(); ++i) {
            const ZXing::ImageView view(images[i].pixels.data(), images[i].width, images[i].height,
                                        ZXing::ImageFormat::Lum);
            const auto t = std::chrono::steady_clock::now();
            const auto text = decode(view);
            c.ms.push_back(
                std::chrono::duration<double, std::milli>(std::chrono::steady_clock::now() - t)
                    .count());
            c.read.push_back(text && text->text == (*items)[i].expected);
            if (c.read.back() && !text->step.empty()) ++c.steps[text->step];
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
            Column c{
                name, {}, {}, 1000 * run->wall_seconds / static_cast<double>(files.size()), {}};
            for (std::size_t i = 0; i < files.size(); ++i)
                c.read.push_back(run->texts[files[i]].contains((*items)[i].expected));
            cols.push_back(std::move(c));
        }
    }
    const bool sweep = std::any_of(items->begin(), items->end(),
                                   [](const CorpusItem& it) { return it.module_px > 0; });
    std::printf("\n%s corpus: %zu images %dx%d from %s; a read = the credential's exact text\n",
                sweep ? "ImageMagick" : "camera-condition", images.size(),
                images.empty() ? 0 : images[0].width, images.empty() ? 0 : images[0].height,
                dir.c_str());
    print_table(items.value(), cols, sweep);
    for (const Column& c : cols)
        if (!c.steps.empty()) {
            std::printf("%s, reads by step:", c.name.c_str());
            for (const auto& [step, n] : c.steps)
                std::printf(" %s %d;", step.c_str(), n);
            std::printf("\n");
        }
    return 0;
}

// Prints the presentations table: per decoder, the share read and the time to verdict.
void print_presentations(const std::vector<std::pair<std::string, Decoder>>& all,
                         const std::vector<int>& reads,
                         const std::vector<std::vector<double>>& times, int count) {
    std::printf("%-20s %10s %22s %22s\n", "decoder", "read", "to verdict median ms",
                "to verdict p95 ms");
    for (std::size_t d = 0; d < all.size(); ++d)
        std::printf("%-20s %6d/%-3d %22.0f %22.0f\n", all[d].first.c_str(), reads[d], count,
                    percentile(times[d], 0.5), percentile(times[d], 0.95));
}

// Runs every in-process decoder over one presentation's frames, adding to reads and times.
void present(const std::vector<std::pair<std::string, Decoder>>& all,
             const std::vector<GreyImage>& frames, const std::string& expected,
             std::vector<int>& reads, std::vector<std::vector<double>>& times) {
    for (std::size_t d = 0; d < all.size(); ++d) {
        const auto t = time_to_verdict(frames, expected, [&](const GreyImage& f) {
            auto r = all[d].second(
                ZXing::ImageView(f.pixels.data(), f.width, f.height, ZXing::ImageFormat::Lum));
            return r ? std::optional(r->text) : std::nullopt;
        });
        if (t) ++reads[d], times[d].push_back(*t);
    }
}

// Frames read by decoder d, each decoded on its own (not racing the camera): of the approach
// and of the held second, added to counts[0..1] and totals[0..1].
void count_frame_reads(const Decoder& decode, const std::vector<GreyImage>& frames,
                       const std::string& expected, std::array<int, 2>& counts,
                       std::array<int, 2>& totals) {
    for (std::size_t i = 0; i < frames.size(); ++i) {
        const GreyImage& f = frames[i];
        const auto r = decode(ZXing::ImageView(f.pixels.data(), f.width, f.height,
                                               ZXing::ImageFormat::Lum));
        const std::size_t phase = i < static_cast<std::size_t>(kApproachFrames) ? 0 : 1;
        ++totals[phase];
        if (r && r->text == expected) ++counts[phase];
    }
}

// Prints, per decoder, the frames read when every frame is decoded on its own.
void print_frame_reads(const std::vector<std::pair<std::string, Decoder>>& all,
                       const std::vector<std::array<int, 2>>& reads,
                       const std::vector<std::array<int, 2>>& totals) {
    std::printf("%-20s %24s %24s\n", "every frame decoded", "approach frames read",
                "held frames read");
    for (std::size_t d = 0; d < all.size(); ++d)
        std::printf("%-20s %17d/%-6d %17d/%-6d\n", all[d].first.c_str(), reads[d][0],
                    totals[d][0], reads[d][1], totals[d][1]);
}

// Presentations of the badges in badge_dir, count of them, by each in-process decoder; prints the
// share read and the time from the badge entering the frame to the verdict.
int run_presentations(const std::string& badge_dir, int count) {
    auto badges = load_placed_badges(badge_dir);
    if (!badges)
        return std::fprintf(stderr, "qr_corpus_bench: %s\n", badges.error().message.c_str()), 2;
    const auto all = decoders(false);
    std::vector<std::vector<double>> times(all.size());
    std::vector<int> reads(all.size());
    std::vector<std::array<int, 2>> frame_reads(all.size()), frame_totals(all.size());
    for (int p = 0; p < count; ++p) {
        const PlacedBadge& badge = (*badges)[static_cast<std::size_t>(p) % badges->size()];
        const auto frames = presentation_frames(badge, 1000 + static_cast<std::uint64_t>(p));
        present(all, frames, badge.expected, reads, times);
        for (std::size_t d = 0; d < all.size(); ++d)
            count_frame_reads(all[d].second, frames, badge.expected, frame_reads[d],
                              frame_totals[d]);
    }
    std::printf("\npresentations: %d, a badge brought up to a 30 frames/s 1280x720 camera in %d "
                "frames and held for %d (camera simulator); the decoder takes the newest frame\n",
                count, kApproachFrames, kHeldFrames);
    print_presentations(all, reads, times, count);
    print_frame_reads(all, frame_reads, frame_totals);
    return 0;
}

// The luma planes of a YUV4MPEG2 clip (make_im_clips.py writes C mono), at most kMaxClipFrames.
Outcome<std::vector<GreyImage>> load_y4m_clip(const std::string& path) {
    constexpr std::size_t kMaxClipFrames = 300; // ten seconds: a presentation is 45 frames
    std::FILE* file = std::fopen(path.c_str(), "rb");
    if (file == nullptr) return Error{path + ": cannot open"};
    std::unique_ptr<std::FILE, int (*)(std::FILE*)> closer(file, std::fclose);
    const auto line = [&]() -> std::optional<std::string> {
        std::string text;
        for (int c; (c = std::fgetc(file)) != '\n';) {
            if (c == EOF || text.size() >= kMaxY4mLine) return std::nullopt;
            text.push_back(static_cast<char>(c));
        }
        return text;
    };
    const auto header = line();
    if (!header) return Error{path + ": no YUV4MPEG2 header"};
    auto format = parse_y4m_header(*header);
    if (!format) return Error{path + ": " + format.error().message};
    std::vector<GreyImage> frames;
    while (frames.size() < kMaxClipFrames) {
        const auto frame_line = line();
        if (!frame_line) break;
        if (!is_y4m_frame_line(*frame_line)) return Error{path + ": bad FRAME line"};
        GreyImage g{format->width, format->height, std::vector<std::uint8_t>(format->luma_bytes)};
        std::vector<std::uint8_t> chroma(format->chroma_bytes);
        if (std::fread(g.pixels.data(), 1, g.pixels.size(), file) != g.pixels.size() ||
            std::fread(chroma.data(), 1, chroma.size(), file) != chroma.size())
            return Error{path + ": truncated frame " + std::to_string(frames.size())};
        frames.push_back(std::move(g));
    }
    if (frames.empty()) return Error{path + ": no frame"};
    return frames;
}

// The clips listed in dir/clips.tsv (make_im_clips.py), by each in-process decoder: share read
// and time to verdict, then every frame decoded on its own, by phase.
int run_clips(const std::string& dir) {
    auto table = read_small_file(dir + "/clips.tsv", 1u << 20);
    if (!table)
        return std::fprintf(stderr, "qr_corpus_bench: %s\n", table.error().message.c_str()), 2;
    const auto all = decoders(false);
    std::vector<std::vector<double>> times(all.size());
    std::vector<int> reads(all.size());
    std::vector<std::array<int, 2>> frame_reads(all.size()), frame_totals(all.size());
    std::istringstream rows(table.value());
    std::string row;
    std::getline(rows, row); // header
    int count = 0;
    while (std::getline(rows, row)) {
        const auto tab = row.find('\t');
        if (tab == std::string::npos)
            return std::fprintf(stderr, "qr_corpus_bench: %s/clips.tsv: bad line\n", dir.c_str()), 2;
        auto frames = load_y4m_clip(dir + "/" + row.substr(0, tab));
        if (!frames)
            return std::fprintf(stderr, "qr_corpus_bench: %s\n", frames.error().message.c_str()), 2;
        const std::string expected = row.substr(tab + 1);
        present(all, frames.value(), expected, reads, times);
        for (std::size_t d = 0; d < all.size(); ++d)
            count_frame_reads(all[d].second, frames.value(), expected, frame_reads[d],
                              frame_totals[d]);
        ++count;
    }
    std::printf("\nclips: %d from %s (make_im_clips.py, ImageMagick), %d frames each at 30 "
                "frames/s; the decoder takes the newest frame\n",
                count, dir.c_str(), kApproachFrames + kHeldFrames);
    print_presentations(all, reads, times, count);
    print_frame_reads(all, frame_reads, frame_totals);
    return 0;
}

} // namespace

int main(int argc, char** argv) {
    constexpr const char* kUsage =
        "usage: qr_corpus_bench --corpus DIR [--corpus DIR...] [--tune] [--no-peers]\n"
        "                       [--presentations BADGE_DIR [--count N]] [--clips DIR]\n";
    std::vector<std::string> dirs;
    std::string badge_dir, clip_dir;
    int count = 24;
    bool tune = false, peers = true;
    for (int i = 1; i < argc; ++i) {
        if (std::strcmp(argv[i], "--corpus") == 0 && i + 1 < argc)
            dirs.emplace_back(argv[++i]);
        else if (std::strcmp(argv[i], "--presentations") == 0 && i + 1 < argc)
            badge_dir = argv[++i];
        else if (std::strcmp(argv[i], "--clips") == 0 && i + 1 < argc)
            clip_dir = argv[++i];
        else if (std::strcmp(argv[i], "--count") == 0 && i + 1 < argc)
            count = std::max(1, std::atoi(argv[++i]));
        else if (std::strcmp(argv[i], "--tune") == 0)
            tune = true;
        else if (std::strcmp(argv[i], "--no-peers") == 0)
            peers = false;
        else
            return std::fprintf(stderr, "%s", kUsage), 1;
    }
    if (dirs.empty() && badge_dir.empty() && clip_dir.empty())
        return std::fprintf(stderr, "%s", kUsage), 1;
    for (const std::string& dir : dirs)
        if (const int code = run_corpus(dir, tune, peers); code != 0) return code;
    if (!badge_dir.empty())
        if (const int code = run_presentations(badge_dir, count); code != 0) return code;
    return clip_dir.empty() ? 0 : run_clips(clip_dir);
}
