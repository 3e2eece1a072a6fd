// The camera-condition corpus: which conditions, at which severities, and the manifest that
// lists the generated images with the text each one must decode to.
#pragma once

#include "crypto/outcome.h"
#include "demo_badges.h"
#include "scan/grey_image.h"

#include <cstdint>
#include <functional>
#include <string>
#include <vector>

namespace accred::bench {

struct CorpusItem {
    std::string file;      // name inside the corpus directory
    std::string condition; // e.g. "perspective"
    int severity = 1;      // 1 (mild) to kSeverities (harsh)
    std::string setting;   // the condition's parameter at that severity, e.g. "tilt 45deg"
    std::string expected;  // the credential text a correct read gives
    double module_px = 0;  // the code's module width in frame pixels, face on; 0: not recorded
};

inline constexpr int kSeverities = 5;

// perspective, rotation, motion_blur, focus_blur, noise, jpeg, low_contrast, glare, small,
// phone_screen: in the order the report lists them.
const std::vector<std::string>& corpus_conditions();

struct CorpusOptions {
    std::uint64_t seed = 1;
    int per_level = 6; // images per condition and severity
    int width = 1280;
    int height = 720;
};

// Renders the corpus into dir (existing, empty) as PNG files plus manifest.tsv, cycling through
// the badges; progress(done, total) after each image. Deterministic for a seed.
Outcome<std::vector<CorpusItem>> write_corpus(const std::vector<DemoBadge>& badges,
                                              const CorpusOptions& options, const std::string& dir,
                                              const std::function<void(int, int)>& progress);

// Writes dir/badges.tsv: for each badge (rendered into dir as HOLDER.png by make_demo_badges),
// where its QR code's centre lies (fractions of the badge's width and height), its module width
// in badge pixels and its credential text; what a second corpus generator needs to place a badge.
Status write_badge_table(const std::vector<DemoBadge>& badges, const std::string& dir);

// Reads dir/manifest.tsv back (five columns, or six with module_px as make_im_corpus.py writes).
Outcome<std::vector<CorpusItem>> read_manifest(const std::string& dir);

} // namespace accred::bench
