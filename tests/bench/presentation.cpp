#include "presentation.h"

#include "camera_frame.h"
#include "crypto/file_io.h"
#include "support/splitmix_random.h"

#include <algorithm>
#include <cmath>
#include <cstdlib>
#include <ctime>
#include <sstream>

namespace accred::bench {
namespace {

using Random = test::SplitmixRandom;

// The CPU time this thread has used, ms: a decode's cost without the time other processes on a
// loaded machine take from it (which would make the decoder skip frames it would not skip alone).
double thread_cpu_ms() {
    timespec now{};
    clock_gettime(CLOCK_THREAD_CPUTIME_ID, &now);
    return static_cast<double>(now.tv_sec) * 1000 + static_cast<double>(now.tv_nsec) / 1e6;
}

} // namespace

Outcome<std::vector<PlacedBadge>> load_placed_badges(const std::string& dir) {
    auto text = read_small_file(dir + "/badges.tsv", 1u << 20);
    if (!text) return text.error();
    std::istringstream in(text.value());
    std::string line;
    std::getline(in, line); // header
    std::vector<PlacedBadge> out;
    while (std::getline(in, line)) {
        std::istringstream row(line);
        std::string file, u, v, module, expected;
        if (!std::getline(row, file, '\t') || !std::getline(row, u, '\t') ||
            !std::getline(row, v, '\t') || !std::getline(row, module, '\t') ||
            !std::getline(row, expected))
            return Error{dir + "/badges.tsv: bad line: " + line};
        auto image = load_grey_image(dir + "/" + file);
        if (!image) return image.error();
        out.push_back({std::move(image).value(), std::atof(u.c_str()), std::atof(v.c_str()),
                       std::atof(module.c_str()), expected});
    }
    if (out.empty()) return Error{dir + "/badges.tsv lists no badge"};
    return out;
}

std::vector<GreyImage> presentation_frames(const PlacedBadge& badge, std::uint64_t seed) {
    Random rng{seed};
    const double longer = std::max(badge.badge.width, badge.badge.height);
    const double held_module = rng.uniform(3.0, 4.0); // px per module once held up
    const double from_x = rng.uniform(0.15, 0.85), from_y = rng.uniform(0.25, 0.75);
    const double to_x = rng.uniform(0.4, 0.6), to_y = rng.uniform(0.4, 0.6);
    const double roll = rng.uniform(-20, 20), yaw = rng.uniform(-10, 10),
                 pitch = rng.uniform(-10, 10);
    std::vector<GreyImage> frames;
    for (int i = 0; i < kApproachFrames + kHeldFrames; ++i) {
        FrameConditions c;
        const double t = std::min(1.0, i / static_cast<double>(kApproachFrames - 1));
        const double module = 1.2 + (held_module - 1.2) * t * t;
        c.fill = module * longer / (badge.module_px * c.height);
        c.cx = from_x + (to_x - from_x) * t + rng.uniform(-0.01, 0.01);
        c.cy = from_y + (to_y - from_y) * t + rng.uniform(-0.01, 0.01);
        c.roll_deg = roll + rng.uniform(-3, 3);
        c.yaw_deg = yaw + rng.uniform(-3, 3);
        c.pitch_deg = pitch + rng.uniform(-3, 3);
        // Approaching: a streak that shortens as the hand slows, focus that sharpens as the
        // badge reaches the camera's focal distance. Held: a hand's tremor, autofocus hunting.
        c.motion_px =
            i < kApproachFrames ? 16 * (1 - t) + rng.uniform(0.5, 3) : rng.uniform(0.5, 5);
        c.motion_deg = rng.uniform(0, 180);
        c.focus_sigma =
            i < kApproachFrames ? 0.8 + 1.6 * (1 - t) + rng.uniform(0, 0.3) : rng.uniform(0.7, 1.6);
        c.noise_sigma = 3;
        frames.push_back(render_frame(badge.badge, c, seed * 7919 + static_cast<std::uint64_t>(i)));
    }
    return frames;
}

std::optional<double>
time_to_verdict(const std::vector<GreyImage>& frames, const std::string& expected,
                const std::function<std::optional<std::string>(const GreyImage&)>& decode) {
    double now = 0; // ms since the first frame arrived
    int last = -1;  // the last frame decoded
    const int count = static_cast<int>(frames.size());
    while (last + 1 < count) {
        // The newest frame that has arrived, or the next one to arrive if the decoder is idle.
        int newest = std::min(count - 1, static_cast<int>(std::floor(now / kFrameMs)));
        if (newest <= last) {
            newest = last + 1;
            now = newest * kFrameMs;
        }
        const double started = thread_cpu_ms();
        const auto text = decode(frames[static_cast<std::size_t>(newest)]);
        now += thread_cpu_ms() - started;
        last = newest;
        if (text && *text == expected) return now;
    }
    return std::nullopt;
}

} // namespace accred::bench
