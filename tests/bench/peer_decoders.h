// The peers the kiosk's decoding is compared with, run as the command-line tools people would
// use: ZXingReader (zxing-cpp's own CLI, default options) and zbarimg (Debian's zbar-tools).
#pragma once

#include "crypto/outcome.h"

#include <map>
#include <set>
#include <string>
#include <vector>

namespace accred::bench {

struct PeerRun {
    std::map<std::string, std::set<std::string>> texts; // file name -> every text decoded
    double wall_seconds = 0; // the whole run: process start, image loading, decoding
};

// Runs `ZXingReader -1` (one line per result; decoding options left at their defaults) on the
// files of dir in one process.
Outcome<PeerRun> run_zxing_reader(const std::string& dir, const std::vector<std::string>& files);

// Runs `zbarimg --xml -q` (all symbologies, its defaults) on the files of dir in one process.
Outcome<PeerRun> run_zbarimg(const std::string& dir, const std::vector<std::string>& files);

} // namespace accred::bench
