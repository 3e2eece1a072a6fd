// The scanner end to end: simulated camera streams in, one debounced event per badge out.
#include "kiosk/sources/scanner.h"
#include "kiosk/sources/y4m_source.h"
#include "scan_fixtures.h"
#include "support/test_support.h"

#include <catch2/catch.hpp>
#include <condition_variable>
#include <fstream>
#include <mutex>
#include <unistd.h>

using namespace accred;
using namespace std::chrono_literals;

namespace {

// Every event until the scanner has finished, or fails the test after a generous deadline.
std::vector<ScanEvent> drain(Scanner& scanner) {
    std::vector<ScanEvent> events;
    const auto deadline = std::chrono::steady_clock::now() + 120s;
    while (!scanner.finished()) {
        REQUIRE(std::chrono::steady_clock::now() < deadline);
        if (auto event = scanner.wait_next(100ms)) events.push_back(std::move(*event));
    }
    return events;
}

std::unique_ptr<FrameSource> open_y4m(const std::string& path) {
    auto source = Y4mSource::open(path);
    REQUIRE(source);
    return std::move(*source);
}

// Smaller than a gate camera's 1280x720, to keep the tests quick, with the QR modules still
// 4-7 pixels wide as a badge held close to a 720p camera gives them.
test::CameraSimOptions test_camera() {
    test::CameraSimOptions options;
    options.width = 960;
    options.height = 540;
    options.seed = 7;
    return options;
}

Frame blank_frame(std::uint64_t index) {
    return Frame{64, 48, std::vector<std::uint8_t>(64 * 48, 200), index,
                 static_cast<std::int64_t>(index) * 33'333};
}

// A live source scripted by the test: frames until told to stall, then nothing until resumed
// or cancelled.
class ScriptedCamera final : public FrameSource {
  public:
    Outcome<std::optional<Frame>> next() override {
        std::unique_lock lock(mutex_);
        changed_.wait_for(lock, 10ms); // about a hundred frames a second
        changed_.wait(lock, [this] { return !stalled_ || cancelled_; });
        if (cancelled_) return std::optional<Frame>();
        return std::optional<Frame>(blank_frame(index_++));
    }
    std::string describe() const override { return "scripted camera"; }
    bool live() const override { return true; }
    void cancel() override {
        set([this] { cancelled_ = true; });
    }
    void stall(bool on) {
        set([&] { stalled_ = on; });
    }

  private:
    template <typename F> void set(F change) {
        {
            std::lock_guard lock(mutex_);
            change();
        }
        changed_.notify_all();
    }
    std::mutex mutex_;
    std::condition_variable changed_;
    bool stalled_ = false;
    bool cancelled_ = false;
    std::uint64_t index_ = 0;
};

// A source that hands out prepared frames as fast as it is asked.
class ListSource final : public FrameSource {
  public:
    ListSource(std::vector<Frame> frames, bool live) : frames_(std::move(frames)), live_(live) {}
    Outcome<std::optional<Frame>> next() override {
        if (next_ == frames_.size()) return std::optional<Frame>();
        return std::optional<Frame>(frames_[next_++]);
    }
    std::string describe() const override { return "list"; }
    bool live() const override { return live_; }

  private:
    std::vector<Frame> frames_;
    std::size_t next_ = 0;
    bool live_;
};

template <typename Pred> bool eventually(Pred pred, std::chrono::milliseconds limit = 3s) {
    const auto deadline = std::chrono::steady_clock::now() + limit;
    while (std::chrono::steady_clock::now() < deadline) {
        if (pred()) return true;
        std::this_thread::sleep_for(5ms);
    }
    return pred();
}

} // namespace

TEST_CASE("A badge held in front of the camera for a second is one event with its bytes",
          "[sources][scanner]") {
    test::TempDir dir;
    const std::string text = test::credential_text("held badge");
    const GreyImage card = test::qr_card(text);
    const std::string path = dir.file("held.y4m");
    test::write_camera_y4m(path, {{nullptr, 10}, {&card, 30}, {nullptr, 10}}, test_camera());

    Scanner scanner(open_y4m(path));
    const std::vector<ScanEvent> events = drain(scanner);
    REQUIRE(events.size() == 1);
    CHECK(events[0].content == text);
    CHECK_FALSE(events[0].from_wedge);
    CHECK(events[0].frame_index >= 10);
    CHECK(events[0].frame_index < 40);
    const ScannerCounters c = scanner.counters();
    CHECK(c.frames_read == 50);
    CHECK(c.frames_decoded == 50); // a file waits for the decoder: every frame is decided
    CHECK(c.frames_dropped == 0);
    CHECK(c.codes_found >= 20); // most frames of the badge are read, though they are poor
    CHECK(c.repeats_suppressed == c.codes_found - 1);
    CHECK_FALSE(scanner.camera_lost());
}

TEST_CASE("Two badges are two events; the same badge again is one only after a pause longer "
          "than the debounce",
          "[sources][scanner]") {
    test::TempDir dir;
    const std::string a = test::credential_text("first badge");
    const std::string b = test::credential_text("second badge");
    const GreyImage card_a = test::qr_card(a), card_b = test::qr_card(b);
    const std::string path = dir.file("two.y4m");
    // At 30 fps: B is lowered for a third of a second and shown again (same presentation),
    // then lowered for a second and a half and shown again (a new one, with a 1 s debounce).
    test::write_camera_y4m(path,
                           {{nullptr, 5},
                            {&card_a, 30},
                            {nullptr, 10},
                            {&card_b, 30},
                            {nullptr, 10},
                            {&card_b, 30},
                            {nullptr, 45},
                            {&card_b, 30},
                            {nullptr, 5}},
                           test_camera());
    ScannerOptions options;
    options.debounce = 1s;
    Scanner scanner(open_y4m(path), options);
    const std::vector<ScanEvent> events = drain(scanner);
    REQUIRE(events.size() == 3);
    CHECK(events[0].content == a);
    CHECK(events[1].content == b);
    CHECK(events[2].content == b);
    CHECK(events[1].frame_index < 75);
    CHECK(events[2].frame_index >= 160);
    CHECK(events[2].seen_us - events[1].seen_us > 1'000'000);
}

TEST_CASE("A stalled camera is reported lost, recovers when frames return, and stops cleanly",
          "[sources][scanner]") {
    auto owned = std::make_unique<ScriptedCamera>();
    ScriptedCamera& camera = *owned;
    ScannerOptions options;
    options.lost_after = 150ms;
    Scanner scanner(std::move(owned), options);
    REQUIRE(eventually([&] { return scanner.counters().frames_read >= 5; }));
    CHECK_FALSE(scanner.camera_lost());

    camera.stall(true);
    REQUIRE(eventually([&] { return scanner.camera_lost(); }));
    CHECK_FALSE(scanner.finished());

    camera.stall(false);
    REQUIRE(eventually([&] { return !scanner.camera_lost(); }));

    camera.stall(true); // stop() must not wait for a frame that never comes
    REQUIRE(eventually([&] { return scanner.camera_lost(); }));
    const auto before = std::chrono::steady_clock::now();
    scanner.stop();
    CHECK(std::chrono::steady_clock::now() - before < 1s);
    CHECK_FALSE(scanner.camera_lost());
}

TEST_CASE("A stream that breaks ends the scan, says why, and counts as a lost camera",
          "[sources][scanner]") {
    test::TempDir dir;
    const std::string path = dir.file("cut.y4m");
    std::ofstream(path, std::ios::binary) << "YUV4MPEG2 W4 H4 Cmono\nFRAME\n"
                                          << std::string(16, 'x') << "FRAME\nxx";
    Scanner scanner(open_y4m(path));
    CHECK(drain(scanner).empty());
    CHECK(scanner.counters().frames_read == 1);
    CHECK(scanner.counters().source_errors == 1);
    REQUIRE(scanner.source_error());
    CHECK_THAT(*scanner.source_error(), Catch::Contains("truncated"));
    CHECK(scanner.camera_lost());
}

TEST_CASE("Wedge lines are events too, debounced the same way", "[sources][scanner]") {
    int fds[2];
    REQUIRE(::pipe(fds) == 0);
    Scanner scanner(nullptr, {}, fds[0]);
    CHECK(scanner.describe() == "keyboard wedge only");
    const std::string typed = "AC1:WEDGE-ONE\r\nAC1:WEDGE-ONE\r\nAC1:WEDGE-TWO\r\n";
    REQUIRE(::write(fds[1], typed.data(), typed.size()) == static_cast<ssize_t>(typed.size()));
    ::close(fds[1]);
    const std::vector<ScanEvent> events = drain(scanner);
    ::close(fds[0]);
    REQUIRE(events.size() == 2);
    CHECK(events[0].content == "AC1:WEDGE-ONE");
    CHECK(events[0].from_wedge);
    CHECK(events[1].content == "AC1:WEDGE-TWO");
    CHECK(scanner.counters().wedge_lines == 3);
    CHECK(scanner.counters().repeats_suppressed == 1);
    CHECK_FALSE(scanner.camera_lost()); // there is no camera to lose
}

TEST_CASE("A live camera faster than the decoder has old frames dropped, never the newest",
          "[sources][scanner]") {
    const std::string text = test::credential_text("newest");
    const GreyImage card = test::qr_card(text, 0.5);
    std::vector<Frame> frames;
    for (std::uint64_t i = 0; i < 300; ++i) {
        Frame f = blank_frame(i);
        f.width = card.width; // big enough that decoding takes longer than producing
        f.height = card.height;
        f.grey.assign(card.pixels.size(), 200);
        frames.push_back(std::move(f));
    }
    frames.back().grey = card.pixels;

    SECTION("newest frame policy (cameras)") {
        Scanner scanner(std::make_unique<ListSource>(frames, true));
        const std::vector<ScanEvent> events = drain(scanner);
        REQUIRE(events.size() == 1);
        CHECK(events[0].content == text);
        CHECK(events[0].frame_index == 299);
        const ScannerCounters c = scanner.counters();
        CHECK(c.frames_read == 300);
        CHECK(c.frames_dropped > 0);
        CHECK(c.frames_decoded + c.frames_dropped == c.frames_read);
    }
    SECTION("every frame policy (files)") {
        ScannerOptions options;
        options.frames = FramePolicy::every_frame;
        Scanner scanner(std::make_unique<ListSource>(frames, true), options);
        CHECK(drain(scanner).size() == 1);
        CHECK(scanner.counters().frames_decoded == 300);
        CHECK(scanner.counters().frames_dropped == 0);
    }
}
