// scale_decide: frame-to-verdict on an enrolled kiosk of a real event, for the scale benchmark
// (scripts/scale_bench.py, issue 18), so that the time per decision at 100,000 people can be set
// beside the 1,000-person event's.
//
//   scale_decide --state DIR --now UTC_SECONDS BADGE.png...        (ACCRED_KIOSK_PASSPHRASE)
//
// Opens the kiosk as `kiosk run` does (load_kiosk: the bundle re-verified; the kiosk key; then
// GateEngine::start: the log, presence, the photo index), each badge image photographed face on
// by the simulated camera at 1280x720 (as kiosk_bench does, tests/bench/camera_frame.h), then
// per frame: read_qr with the scanner's settings and GateEngine::handle_scan (verify, every
// rule, the durable log write): one span, frame-to-verdict. The frames are made before each is
// timed. The first decision after the start is reported apart from the rest (steady). Prints one
// JSON object: the start, the first decision, the steady median and p95 and every steady time
// (ms), and the verdicts.
#include "bench/camera_frame.h"
#include "crypto/key_file.h"
#include "kiosk/app/gate_engine.h"
#include "kiosk/app/kiosk_state.h"
#include "kiosk/sources/scanner.h"
#include "scan/grey_image.h"
#include "scan/qr_reader.h"

#include <ZXing/ReadBarcode.h>
#include <algorithm>
#include <chrono>
#include <cstdio>
#include <cstdlib>
#include <map>
#include <nlohmann/json.hpp>
#include <sodium.h>
#include <string>
#include <vector>

namespace {

using namespace accred;
using Clock = std::chrono::steady_clock;

double ms_since(Clock::time_point t) {
    return std::chrono::duration<double, std::milli>(Clock::now() - t).count();
}

double percentile(std::vector<double> v, double p) {
    if (v.empty()) return 0;
    std::sort(v.begin(), v.end());
    return v[std::min(v.size() - 1, static_cast<std::size_t>(p * static_cast<double>(v.size())))];
}

// The badge at the gate camera, as kiosk_bench's gate_frame: its height fills the frame, a
// slight tilt and roll, mild defocus and sensor noise.
Outcome<GreyImage> gate_frame(const std::string& badge_png, std::uint64_t seed) {
    auto badge = load_grey_image(badge_png);
    if (!badge) return badge.error();
    bench::FrameConditions c;
    c.width = 1280;
    c.height = 720;
    c.fill = 1.0;
    c.yaw_deg = 5;
    c.pitch_deg = -3;
    c.roll_deg = 3;
    c.focus_sigma = 0.7;
    return bench::render_frame(badge.value(), c, seed);
}

struct Timed {
    double total_ms = 0, decode_ms = 0;
    std::string verdict;
};

// One frame through the kiosk's path: read_qr, then handle_scan; an empty verdict if unread.
Timed decide_frame(GateEngine& engine, const GreyImage& frame, std::int64_t now) {
    const ZXing::ImageView view(frame.pixels.data(), frame.width, frame.height,
                                ZXing::ImageFormat::Lum);
    static const QrReadOptions kiosk_qr = ScannerOptions{}.qr;
    Timed t;
    const auto t0 = Clock::now();
    const auto read = read_qr(view, kiosk_qr);
    t.decode_ms = ms_since(t0);
    if (!read) return t;
    const Reported r = engine.handle_scan(read->bytes, now);
    t.total_ms = ms_since(t0);
    t.verdict = r.row ? std::string(reason_name(r.decision.reason)) : "not_logged";
    return t;
}

Outcome<GateEngine> start_engine(const std::string& dir, std::string_view passphrase) {
    auto state = load_kiosk(dir);
    if (!state) return state.error();
    auto key = read_secret_key_file(dir + "/kiosk.key", passphrase);
    if (!key) return key.error();
    EngineOptions options;
    options.simulated_time = true; // as kiosk run --now: the event took place in 2014
    return GateEngine::start(std::move(state).value(), std::move(key).value(), options);
}

int fail(const std::string& what) {
    std::fprintf(stderr, "scale_decide: %s\n", what.c_str());
    return 2;
}

} // namespace

int main(int argc, char** argv) {
    if (sodium_init() < 0) return 2;
    std::string state;
    std::int64_t now = 0;
    std::vector<std::string> badges;
    for (int i = 1; i < argc; ++i) {
        const std::string a = argv[i];
        if (a == "--state" && i + 1 < argc)
            state = argv[++i];
        else if (a == "--now" && i + 1 < argc)
            now = std::stoll(argv[++i]);
        else
            badges.push_back(a);
    }
    const char* passphrase = std::getenv("ACCRED_KIOSK_PASSPHRASE");
    if (state.empty() || now == 0 || badges.size() < 2 || !passphrase)
        return fail("usage: scale_decide --state DIR --now UTC_SECONDS BADGE.png BADGE.png... "
                    "(the kiosk passphrase in $ACCRED_KIOSK_PASSPHRASE)");
    auto first_frame = gate_frame(badges.front(), 0);
    if (!first_frame) return fail(first_frame.error().message);
    const auto t0 = Clock::now();
    auto engine = start_engine(state, passphrase);
    if (!engine) return fail(engine.error().message);
    const double start_ms = ms_since(t0);
    const Timed first = decide_frame(*engine, *first_frame, now);
    std::vector<double> steady, decode;
    std::map<std::string, int> verdicts{{first.verdict.empty() ? "unread" : first.verdict, 1}};
    for (std::size_t i = 1; i < badges.size(); ++i) {
        auto frame = gate_frame(badges[i], i);
        if (!frame) return fail(frame.error().message);
        const Timed t = decide_frame(*engine, *frame, now + static_cast<std::int64_t>(i));
        ++verdicts[t.verdict.empty() ? "unread" : t.verdict];
        if (t.verdict.empty()) continue;
        steady.push_back(t.total_ms);
        decode.push_back(t.decode_ms);
    }
    nlohmann::json out{{"start_ms", start_ms},
                       {"first_ms", first.total_ms},
                       {"first_decode_ms", first.decode_ms},
                       {"steady_median_ms", percentile(steady, 0.5)},
                       {"steady_p95_ms", percentile(steady, 0.95)},
                       {"decode_median_ms", percentile(decode, 0.5)},
                       {"decisions", steady.size() + (first.verdict.empty() ? 0 : 1)},
                       {"steady_ms", steady},
                       {"verdicts", verdicts}};
    std::printf("%s\n", out.dump().c_str());
    return first.verdict.empty() || steady.empty() ? 1 : 0;
}
