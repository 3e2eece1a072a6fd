// make_qr_corpus --out DIR [--seed N] [--per-level N] [--size WxH] [--badges N] [--badges-only]:
// the camera-
// condition corpus for qr_corpus_bench. Signs credentials for demo roster people, renders their
// A6 badges with the desk's renderer (DIR/badges/), and photographs them with a simulated camera
// under each condition at five severities (perspective, rotation, motion and focus blur, noise,
// JPEG, low contrast, glare, a small badge, a phone screen): DIR/NNNN-condition-severity.png and
// DIR/manifest.tsv (file, condition, severity, setting, expected text). Deterministic for a seed.
// --badges-only stops after the badges, with DIR/badges/badges.tsv saying where each one's code
// is (for tests/bench/make_im_corpus.py, the corpus made with ImageMagick).
// Exit 0 on success, 1 on bad usage, 2 on failure.
#include "bench/demo_badges.h"
#include "bench/qr_corpus.h"

#include <charconv>
#include <cstdio>
#include <filesystem>
#include <string_view>
#include <system_error>

namespace {

constexpr const char* kUsage =
    "usage: make_qr_corpus --out DIR [--seed N] [--per-level N] [--size WxH] [--badges N]\n"
    "                      [--badges-only]\n"
    "defaults: --seed 1 --per-level 6 --size 1280x720 --badges 12\n";

template <typename T> bool parse_number(std::string_view text, T& out) {
    const auto [end, ec] = std::from_chars(text.data(), text.data() + text.size(), out);
    return ec == std::errc() && end == text.data() + text.size();
}

} // namespace

int main(int argc, char** argv) {
    std::string out;
    accred::bench::CorpusOptions options;
    std::size_t badge_count = 12;
    bool badges_only = false;
    for (int i = 1; i < argc; i += 2) {
        const std::string_view arg = argv[i];
        if (arg == "--badges-only") {
            badges_only = true;
            --i; // a flag: no value follows
            continue;
        }
        if (i + 1 >= argc) return std::fprintf(stderr, "%s", kUsage), 1;
        const std::string_view value = argv[i + 1];
        bool good = true;
        if (arg == "--out") {
            out = value;
        } else if (arg == "--seed") {
            good = parse_number(value, options.seed);
        } else if (arg == "--per-level") {
            good = parse_number(value, options.per_level) && options.per_level > 0 &&
                   options.per_level <= 1000;
        } else if (arg == "--badges") {
            good = parse_number(value, badge_count) && badge_count > 0 && badge_count <= 74;
        } else if (arg == "--size") {
            const auto x = value.find('x');
            good = x != std::string_view::npos && parse_number(value.substr(0, x), options.width) &&
                   parse_number(value.substr(x + 1), options.height) && options.width >= 160 &&
                   options.height >= 120 && options.width <= 4096 && options.height <= 4096;
        } else {
            good = false;
        }
        if (!good) return std::fprintf(stderr, "make_qr_corpus: bad %s\n%s", argv[i], kUsage), 1;
    }
    if (out.empty()) return std::fprintf(stderr, "%s", kUsage), 1;
    std::error_code ec;
    std::filesystem::create_directories(out + "/badges", ec);
    if (ec)
        return std::fprintf(stderr, "make_qr_corpus: %s: %s\n", out.c_str(), ec.message().c_str()),
               2;
    auto badges = accred::bench::make_demo_badges(badge_count, 300, out + "/badges");
    if (!badges)
        return std::fprintf(stderr, "make_qr_corpus: %s\n", badges.error().message.c_str()), 2;
    if (badges_only) {
        if (auto s = accred::bench::write_badge_table(badges.value(), out + "/badges"); !s)
            return std::fprintf(stderr, "make_qr_corpus: %s\n", s.error().message.c_str()), 2;
        std::fprintf(stderr, "make_qr_corpus: %zu badges in %s/badges\n", badges->size(),
                     out.c_str());
        return 0;
    }
    auto items = accred::bench::write_corpus(badges.value(), options, out, [](int done, int total) {
        if (done % 50 == 0 || done == total)
            std::fprintf(stderr, "\rmake_qr_corpus: %d/%d", done, total);
    });
    std::fputc('\n', stderr);
    if (!items)
        return std::fprintf(stderr, "make_qr_corpus: %s\n", items.error().message.c_str()), 2;
    std::fprintf(stderr, "make_qr_corpus: %zu images of %dx%d in %s\n", items->size(),
                 options.width, options.height, out.c_str());
    return 0;
}
