// make_camera_y4m --out FILE.y4m [options] BADGE.png...: renders each badge image (a QR code or a
// whole badge, PNG or JPEG) as a simulated camera would see it held up at a gate, and writes the
// frames as a YUV4MPEG2 stream for `kiosk --source y4m:FILE` (or --out - to pipe it). Per badge:
// a few frames of empty scene, then the badge held in view with perspective tilt, sway, blur,
// noise, glare and low contrast. Deterministic for a given --seed. Exit 0 on success, 1 on bad
// usage, 2 when an image cannot be read or the output cannot be written.
#include "../kiosk/sources/camera_sim.h"
#include "../kiosk/sources/y4m_writer.h"
#include "scan/grey_image.h"

#include <charconv>
#include <cstdio>
#include <cstring>
#include <string>
#include <string_view>
#include <vector>

namespace {

using accred::GreyImage;
using accred::test::CameraSim;
using accred::test::CameraSimOptions;

constexpr const char* kUsage =
    "usage: make_camera_y4m --out FILE.y4m|- [--size WxH] [--fps N] [--seed N] [--empty N]\n"
    "                       [--held N] [--max-tilt DEG] [--blur SIGMA] [--noise SIGMA]\n"
    "                       [--fill MIN-MAX] [--contrast 0..1] [--no-glare] BADGE.png...\n"
    "defaults: --size 1280x720 --fps 30 --seed 1 --empty 15 --held 30 --max-tilt 40\n"
    "          --blur 0.8 --noise 5 --fill 0.55-0.85 --contrast 0.65\n"
    "--fill: the badge's longer side as a fraction of the frame height (1 = as tall as the "
    "frame)\n";

template <typename T> bool parse_number(std::string_view text, T& out) {
    const auto [end, ec] = std::from_chars(text.data(), text.data() + text.size(), out);
    return ec == std::errc() && end == text.data() + text.size();
}

struct Args {
    std::string out;
    int fps = 30;
    int empty = 15;
    int held = 30;
    CameraSimOptions sim;
    std::vector<std::string> badges;
};

// Parses argv into args; false (after printing why) on bad usage.
bool parse_args(int argc, char** argv, Args& args) {
    for (int i = 1; i < argc; ++i) {
        const std::string_view arg = argv[i];
        if (arg == "--no-glare") {
            args.sim.glare = false;
            continue;
        }
        if (arg.substr(0, 2) != "--") {
            args.badges.emplace_back(arg);
            continue;
        }
        if (i + 1 >= argc) {
            std::fprintf(stderr, "make_camera_y4m: %s needs a value\n", argv[i]);
            return false;
        }
        const std::string_view value = argv[++i];
        bool good = true;
        if (arg == "--out") {
            args.out = value;
        } else if (arg == "--size") {
            const auto x = value.find('x');
            good = x != std::string_view::npos &&
                   parse_number(value.substr(0, x), args.sim.width) &&
                   parse_number(value.substr(x + 1), args.sim.height);
        } else if (arg == "--fps") {
            good = parse_number(value, args.fps) && args.fps > 0 && args.fps <= 240;
        } else if (arg == "--seed") {
            good = parse_number(value, args.sim.seed);
        } else if (arg == "--empty") {
            good = parse_number(value, args.empty) && args.empty >= 0;
        } else if (arg == "--held") {
            good = parse_number(value, args.held) && args.held > 0;
        } else if (arg == "--max-tilt") {
            good = parse_number(value, args.sim.max_tilt_deg) && args.sim.max_tilt_deg >= 0 &&
                   args.sim.max_tilt_deg <= 70;
        } else if (arg == "--blur") {
            good = parse_number(value, args.sim.blur_sigma) && args.sim.blur_sigma >= 0 &&
                   args.sim.blur_sigma <= 10;
        } else if (arg == "--noise") {
            good = parse_number(value, args.sim.noise_sigma) && args.sim.noise_sigma >= 0 &&
                   args.sim.noise_sigma <= 64;
        } else if (arg == "--fill") {
            const auto dash = value.find('-');
            good = dash != std::string_view::npos &&
                   parse_number(value.substr(0, dash), args.sim.min_fill) &&
                   parse_number(value.substr(dash + 1), args.sim.max_fill) &&
                   args.sim.min_fill > 0.05 && args.sim.min_fill <= args.sim.max_fill &&
                   args.sim.max_fill <= 2;
        } else if (arg == "--contrast") {
            good = parse_number(value, args.sim.contrast) && args.sim.contrast > 0 &&
                   args.sim.contrast <= 1;
        } else {
            std::fprintf(stderr, "make_camera_y4m: unknown option %s\n", argv[i - 1]);
            return false;
        }
        if (!good) {
            std::fprintf(stderr, "make_camera_y4m: bad value for %s: %s\n", argv[i - 1], argv[i]);
            return false;
        }
    }
    if (args.out.empty() || args.badges.empty()) {
        std::fprintf(stderr, "make_camera_y4m: need --out and at least one badge image\n");
        return false;
    }
    return true;
}

} // namespace

int main(int argc, char** argv) {
    Args args;
    if (!parse_args(argc, argv, args)) {
        std::fputs(kUsage, stderr);
        return 1;
    }
    std::vector<GreyImage> badges;
    for (const std::string& path : args.badges) {
        auto image = accred::load_grey_image(path);
        if (!image) {
            std::fprintf(stderr, "make_camera_y4m: %s\n", image.error().message.c_str());
            return 2;
        }
        badges.push_back(std::move(*image));
    }
    auto writer =
        accred::test::Y4mWriter::create(args.out, args.sim.width, args.sim.height, args.fps);
    if (!writer) {
        std::fprintf(stderr, "make_camera_y4m: %s\n", writer.error().message.c_str());
        return 2;
    }
    CameraSim sim(args.sim);
    long frames = 0;
    auto rendered = sim.render(accred::test::badge_timeline(badges, args.empty, args.held),
                               [&](const GreyImage& frame) {
                                   ++frames;
                                   return writer->write_frame(frame.pixels);
                               });
    if (rendered) rendered = writer->close();
    if (!rendered) {
        std::fprintf(stderr, "make_camera_y4m: %s\n", rendered.error().message.c_str());
        return 2;
    }
    std::fprintf(stderr, "make_camera_y4m: %ld frames, %zu badges, %dx%d at %d fps\n", frames,
                 badges.size(), args.sim.width, args.sim.height, args.fps);
    return 0;
}
