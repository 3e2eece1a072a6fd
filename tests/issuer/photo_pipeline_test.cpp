// The roster's photos are read on worker threads, but each result comes back to the row that
// asked for it: in the order asked, whatever order the workers finish in.
#include "issuer/photo_pipeline.h"

#include <catch2/catch.hpp>
#include <chrono>
#include <string>
#include <thread>

using namespace accred;

namespace {

// Job i sleeps a little (later ones less, so that they finish first) and answers "photo i", or
// an error for every seventh.
PhotoPipeline::Job job(int i) {
    return [i]() -> Outcome<std::string> {
        std::this_thread::sleep_for(std::chrono::microseconds((20 - i % 20) * 50));
        if (i % 7 == 3) return Error{"bad photo " + std::to_string(i)};
        return "photo " + std::to_string(i);
    };
}

void check_in_order(unsigned threads) {
    PhotoPipeline pipeline(threads);
    constexpr int kJobs = 200;
    int submitted = 0, taken = 0;
    while (taken < kJobs) {
        // As the roster reader does: keep the window full, then take the oldest.
        while (submitted < kJobs && pipeline.pending() < pipeline.window())
            pipeline.submit(job(submitted++));
        auto result = pipeline.take();
        CAPTURE(threads, taken);
        if (taken % 7 == 3) {
            REQUIRE_FALSE(result);
            CHECK(result.error().message == "bad photo " + std::to_string(taken));
        } else {
            REQUIRE(result);
            CHECK(result.value() == "photo " + std::to_string(taken));
        }
        ++taken;
    }
    CHECK(pipeline.pending() == 0);
}

} // namespace

TEST_CASE("Photo results come back in the order asked, on workers or in turn", "[photo]") {
    check_in_order(1);
    check_in_order(2);
    check_in_order(4);
    CHECK(PhotoPipeline(1).window() == 1);
    CHECK(PhotoPipeline(3).window() > 3);
}

TEST_CASE("A pipeline dropped with jobs still queued stops cleanly", "[photo]") {
    PhotoPipeline pipeline(2);
    for (int i = 0; i < 50; ++i) pipeline.submit(job(i));
    auto first = pipeline.take();
    REQUIRE(first);
    CHECK(first.value() == "photo 0");
    // The destructor drops what no worker has started and waits for the rest.
}
