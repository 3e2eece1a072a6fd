// Read rate and decoding speed of the scanner on a simulated 1280x720 gate camera. Hidden from
// the normal run (tag [.bench]); run with: accred_tests "[bench][scanner]"
// Set ACCRED_BENCH_BADGES to a directory of badge images (e.g. the demo's rendered badges) to
// use those instead of bare QR cards; each must hold a different code.
#include "kiosk/sources/image_list_source.h"
#include "kiosk/sources/scanner.h"
#include "kiosk/sources/y4m_source.h"
#include "scan_fixtures.h"
#include "support/test_support.h"

#include <catch2/catch.hpp>
#include <cstdio>
#include <cstdlib>
#include <set>

using namespace accred;
using namespace std::chrono_literals;

TEST_CASE("Scanner read rate on a simulated 720p camera", "[.bench][scanner]") {
    std::vector<GreyImage> badges;
    std::set<std::string> expected;
    if (const char* dir = std::getenv("ACCRED_BENCH_BADGES")) {
        auto list = ImageListSource::open({dir});
        REQUIRE(list);
        for (const std::string& file : (*list)->files()) {
            auto image = load_grey_image(file);
            REQUIRE(image);
            badges.push_back(std::move(*image));
        }
    } else {
        for (int i = 0; i < 20; ++i) {
            const std::string text = test::credential_text("bench " + std::to_string(i));
            expected.insert(text);
            badges.push_back(test::qr_card(text));
        }
    }
    test::CameraSimOptions camera; // 1280x720, the generator's defaults
    if (const char* fill = std::getenv("ACCRED_BENCH_FILL")) camera.min_fill = std::atof(fill);
    camera.max_fill = std::max(camera.max_fill, camera.min_fill);
    test::TempDir dir;
    const std::string path = dir.file("bench.y4m");
    test::write_camera_y4m(path, test::badge_timeline(badges, 15, 30), camera);

    auto source = Y4mSource::open(path);
    REQUIRE(source);
    const auto start = std::chrono::steady_clock::now();
    Scanner scanner(std::move(*source));
    std::set<std::string> read;
    std::size_t events = 0;
    while (!scanner.finished())
        if (auto event = scanner.wait_next(100ms)) {
            ++events;
            read.insert(event->content);
        }
    const double seconds =
        std::chrono::duration<double>(std::chrono::steady_clock::now() - start).count();
    const ScannerCounters c = scanner.counters();
    std::printf("badges shown %zu, read %zu (%zu events); frames %llu decoded in %.2f s = %.1f "
                "fps; codes in %llu frames\n",
                badges.size(), read.size(), events,
                static_cast<unsigned long long>(c.frames_decoded), seconds,
                static_cast<double>(c.frames_decoded) / seconds,
                static_cast<unsigned long long>(c.codes_found));
    CHECK(events == read.size()); // one event per badge, never two
    if (!expected.empty())
        for (const std::string& text : read)
            CHECK(expected.count(text) == 1);
}
