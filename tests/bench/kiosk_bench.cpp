// Kiosk latency and throughput, each against the bare library doing the same core work in the
// same run: ZXing decoding the same frame, libsodium verifying the same signature.
//   kiosk_bench                 (KIOSK_BENCH_ITERATIONS frames per resolution, default 200)
// It runs inside a Catch2 session because it builds its kiosk with the scenario tests' fixture.
#include "kiosk/gate_fixture.h"

#include "crypto/cose_sign1.h"
#include "crypto/base45.h"
#include "crypto/credential.h"
#include "issuer/qr_writer.h"
#include "kiosk/scan/qr_reader.h"

#include <ZXing/ReadBarcode.h>
#include <algorithm>
#include <cstdlib>
#include <chrono>
#include <cstdio>
#include <random>
#include <sodium.h>
#include <sys/resource.h>

#define CATCH_CONFIG_RUNNER
#include <catch2/catch.hpp>

using namespace accred;
using Clock = std::chrono::steady_clock;

namespace {

struct Stats {
    double median_ms;
    double p99_ms;
};

Stats stats(std::vector<double> ms) {
    std::sort(ms.begin(), ms.end());
    return {ms[ms.size() / 2], ms[std::min(ms.size() - 1, ms.size() * 99 / 100)]};
}

// A camera-like frame: grey background with noise, the badge's QR code at about a third of the
// frame height, as a badge held at arm's length fills a gate camera's view.
std::vector<std::uint8_t> make_frame(const std::string& text, int width, int height) {
    const auto symbol = render_qr(text, 1).value();
    const int side = symbol.image.width;
    const int scale = std::max(1, height / 3 / side);
    std::vector<std::uint8_t> frame(static_cast<std::size_t>(width) * height);
    std::mt19937 rng(7);
    std::uniform_int_distribution<int> noise(-12, 12);
    for (auto& p : frame) p = static_cast<std::uint8_t>(150 + noise(rng));
    const int x0 = (width - side * scale) / 2, y0 = (height - side * scale) / 2;
    for (int y = 0; y < side * scale; ++y)
        for (int x = 0; x < side * scale; ++x) {
            const int v = symbol.image.pixels[static_cast<std::size_t>(y / scale) * side + x / scale]
                              ? 235
                              : 25;
            frame[static_cast<std::size_t>(y0 + y) * width + x0 + x] =
                static_cast<std::uint8_t>(std::clamp(v + noise(rng), 0, 255));
        }
    return frame;
}

double ms_since(Clock::time_point t) {
    return std::chrono::duration<double, std::milli>(Clock::now() - t).count();
}

} // namespace

int run_benchmark() {
    const char* env = std::getenv("KIOSK_BENCH_ITERATIONS");
    const int iterations = env ? std::max(10, std::atoi(env)) : 200;
    accred::test::GateFixture fixture(accred::test::brussels(31, 3, 6));
    GateEngine& engine = fixture.kiosk("building_door"); // soft anti-passback: every scan logs
    const std::string text = fixture.credential("D002");
    const auto when = accred::test::brussels(31, 3, 9);

    std::printf("kiosk benchmark, %d frames per resolution, durable log write included\n",
                iterations);
    std::printf("%-12s %16s %16s %18s %8s\n", "frame", "bare ZXing med", "kiosk med",
                "kiosk p99", "ratio");
    for (auto [w, h] : {std::pair{640, 480}, {1280, 720}, {1920, 1080}}) {
        const auto frame = make_frame(text, w, h);
        const ZXing::ImageView view(frame.data(), w, h, ZXing::ImageFormat::Lum);
        std::vector<double> bare, kiosk;
        for (int i = 0; i < iterations; ++i) {
            auto t = Clock::now();
            const auto result = ZXing::ReadBarcode(view);
            bare.push_back(ms_since(t));
            if (!result.isValid()) return std::fprintf(stderr, "bare decode failed\n"), 2;
            t = Clock::now();
            const auto read = read_qr(view, {.try_harder = true, .try_rotate = false});
            if (!read) return std::fprintf(stderr, "kiosk decode failed\n"), 2;
            const Reported r = engine.handle_scan(read->bytes, when + i);
            kiosk.push_back(ms_since(t));
            if (!r.row) return std::fprintf(stderr, "not logged\n"), 2;
        }
        const Stats b = stats(bare), k = stats(kiosk);
        std::printf("%4dx%-7d %13.2f ms %13.2f ms %15.2f ms %7.2fx\n", w, h, b.median_ms,
                    k.median_ms, k.p99_ms, k.median_ms / b.median_ms);
    }

    // Verification: Base45 + COSE + Ed25519 + claims, against a bare Ed25519 verify of the same
    // Sig_structure.
    TrustStore trust;
    trust.add(fixture.event_key().public_key());
    const auto cose = cose_sign1_decode(*base45_decode(std::string_view(text).substr(4))).value();
    const auto signed_bytes = cose_sig_structure(cose.kid, cose.payload);
    const int n = 20000;
    auto t = Clock::now();
    for (int i = 0; i < n; ++i)
        if (!verify_credential(text, trust, {"gp14", std::nullopt}).ok()) return 2;
    const double full_s = ms_since(t) / 1000;
    t = Clock::now();
    for (int i = 0; i < n; ++i)
        if (crypto_sign_verify_detached(cose.signature.data(), signed_bytes.data(),
                                        signed_bytes.size(),
                                        fixture.event_key().public_key().bytes.data()) != 0)
            return 2;
    const double bare_s = ms_since(t) / 1000;
    std::printf("\ncredential verification, one core: %.0f/s; bare libsodium verify %.0f/s; "
                "ratio %.2fx\n", n / full_s, n / bare_s, full_s / bare_s);
    rusage usage{};
    getrusage(RUSAGE_SELF, &usage);
    std::printf("peak memory (whole benchmark process): %.1f MiB\n",
                static_cast<double>(usage.ru_maxrss) / 1024.0);
    return 0;
}

TEST_CASE("kiosk benchmark") { REQUIRE(run_benchmark() == 0); }

int main(int argc, char** argv) {
    if (sodium_init() < 0) return 2;
    return Catch::Session().run(argc, argv);
}
