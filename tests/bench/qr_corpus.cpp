#include "qr_corpus.h"

#include "camera_frame.h"
#include "crypto/file_io.h"
#include "issuer/badge_spec.h"
#include "issuer/qr_writer.h"
#include "phone_screen.h"
#include "support/splitmix_random.h"

#include <cmath>
#include <cstdio>
#include <sstream>

namespace accred::bench {
namespace {

using Random = test::SplitmixRandom;

// What is being shown: where its code is and how big one module is, in subject pixels.
struct Subject {
    const GreyImage* image = nullptr;
    double qr_u = 0.5, qr_v = 0.5;
    double module_px = 1;
};

// The subject's fill that makes one module `module_px` frame pixels wide, face on.
double fill_for_module(const Subject& s, double module_px, int height) {
    const double longer = std::max(s.image->width, s.image->height);
    return module_px * longer / (s.module_px * height);
}

char buffer[64];
const char* fmt(const char* format, double v) {
    std::snprintf(buffer, sizeof buffer, format, v);
    return buffer;
}

// A typical gate shot with every condition mild, then the named one at its severity (1-5).
FrameConditions conditions_for(const std::string& name, int severity, const Subject& s,
                               const CorpusOptions& o, Random& rng, std::string& setting) {
    FrameConditions c;
    c.width = o.width;
    c.height = o.height;
    const double scale = o.height / 720.0; // severities are stated for a 720-line frame
    double module = rng.uniform(4.0, 5.5) * scale;
    const double tilt = rng.uniform(0, 10), direction = rng.uniform(0, 360);
    c.roll_deg = rng.uniform(-20, 20);
    c.black = rng.uniform(30, 55);
    c.white = rng.uniform(180, 215);
    c.shade_x = rng.uniform(-0.2, 0.2);
    c.shade_y = rng.uniform(-0.2, 0.2);
    c.focus_sigma = 0.7 * scale;
    c.noise_sigma = 3;
    const int i = severity - 1;
    double tilt_deg = tilt;
    if (name == "perspective") {
        tilt_deg = std::array{20.0, 30.0, 37.0, 42.0, 45.0}[static_cast<std::size_t>(i)];
        setting = fmt("tilt %.0f deg", tilt_deg);
    } else if (name == "rotation") {
        c.roll_deg = std::array{30.0, 60.0, 90.0, 135.0, 180.0}[static_cast<std::size_t>(i)] *
                     (rng.uniform(0, 1) < 0.5 ? -1 : 1);
        tilt_deg = 15;
        setting = fmt("roll %.0f deg", std::abs(c.roll_deg));
    } else if (name == "motion_blur") {
        c.motion_px = std::array{4.0, 7.0, 10.0, 14.0, 18.0}[static_cast<std::size_t>(i)] * scale;
        c.motion_deg = rng.uniform(0, 180);
        setting = fmt("%.0f px streak", c.motion_px);
    } else if (name == "focus_blur") {
        c.focus_sigma = std::array{1.2, 1.6, 2.0, 2.4, 2.8}[static_cast<std::size_t>(i)] * scale;
        setting = fmt("sigma %.1f px", c.focus_sigma);
    } else if (name == "noise") {
        c.noise_sigma = std::array{10.0, 20.0, 30.0, 40.0, 55.0}[static_cast<std::size_t>(i)];
        setting = fmt("sigma %.0f grey", c.noise_sigma);
    } else if (name == "jpeg") {
        c.jpeg_quality = std::array{40, 25, 15, 10, 5}[static_cast<std::size_t>(i)];
        c.focus_sigma = 1.0 * scale;
        setting = fmt("quality %.0f", static_cast<double>(c.jpeg_quality));
    } else if (name == "low_contrast") {
        const double span = std::array{60.0, 40.0, 28.0, 20.0, 14.0}[static_cast<std::size_t>(i)];
        const double mid = rng.uniform(90, 150);
        c.black = mid - span / 2;
        c.white = mid + span / 2;
        setting = fmt("%.0f grey levels", span);
    } else if (name == "glare") {
        c.glare_amp = std::array{80.0, 130.0, 180.0, 230.0, 280.0}[static_cast<std::size_t>(i)];
        c.glare_u = s.qr_u + rng.uniform(-0.1, 0.1);
        c.glare_v = s.qr_v + rng.uniform(-0.06, 0.06);
        c.glare_r = rng.uniform(0.08, 0.14);
        setting = fmt("+%.0f grey peak", c.glare_amp);
    } else if (name == "small") {
        module = std::array{3.0, 2.5, 2.0, 1.7, 1.4}[static_cast<std::size_t>(i)] * scale;
        setting = fmt("module %.1f px", module);
    } else if (name == "phone_screen") {
        // Emissive: a bright screen and a black that is never black, plus the room reflected.
        c.black = rng.uniform(15, 40) + 10.0 * i;
        c.white = 255;
        tilt_deg = 8.0 * i;
        module = (4.5 - 0.4 * i) * scale;
        c.glare_amp = 45.0 * i;
        c.glare_u = s.qr_u + rng.uniform(-0.3, 0.3);
        c.glare_v = s.qr_v + rng.uniform(-0.1, 0.1);
        c.glare_r = 0.25;
        c.focus_sigma = (0.7 + 0.15 * i) * scale;
        setting = fmt("tilt %.0f deg, reflection", tilt_deg);
    }
    c.yaw_deg = tilt_deg * std::cos(direction * std::numbers::pi / 180);
    c.pitch_deg = tilt_deg * std::sin(direction * std::numbers::pi / 180);
    c.fill = fill_for_module(s, module, o.height);
    // Keep the code in the frame: more freedom of position for a smaller subject.
    const double room = std::max(0.0, 0.45 - 0.5 * c.fill * 0.6);
    c.cx = 0.5 + rng.uniform(-room, room) * o.height / o.width;
    c.cy = 0.5 + rng.uniform(-room, room) * 0.5;
    return c;
}

// Where the printed badge's code is and how wide its modules are, in badge pixels.
Outcome<Subject> printed_subject(const DemoBadge& b) {
    auto symbol = render_qr(b.credential, 1);
    if (!symbol) return symbol.error();
    const badge::Box qr = badge::qr_area(BadgeFormat::a6);
    const badge::BadgeSize size = badge::badge_size(BadgeFormat::a6);
    const double px_per_mm = b.badge.width / size.width_mm;
    return Subject{&b.badge, (qr.x + qr.w / 2) / size.width_mm, (qr.y + qr.h / 2) / size.height_mm,
                   badge::qr_module_mm(BadgeFormat::a6, symbol->modules) * px_per_mm};
}

} // namespace

const std::vector<std::string>& corpus_conditions() {
    static const std::vector<std::string> names{
        "perspective", "rotation",     "motion_blur", "focus_blur", "noise",
        "jpeg",        "low_contrast", "glare",       "small",      "phone_screen"};
    return names;
}

Outcome<std::vector<CorpusItem>> write_corpus(const std::vector<DemoBadge>& badges,
                                              const CorpusOptions& options, const std::string& dir,
                                              const std::function<void(int, int)>& progress) {
    if (badges.empty()) return Error{"no badges to photograph"};
    std::vector<PhoneScreen> phones;
    std::vector<Subject> printed;
    for (const DemoBadge& b : badges) {
        auto phone = phone_screen(b.credential);
        if (!phone) return phone.error();
        phones.push_back(std::move(phone).value());
        auto subject = printed_subject(b);
        if (!subject) return subject.error();
        printed.push_back(subject.value());
    }
    Random rng{options.seed};
    std::vector<CorpusItem> items;
    std::string manifest = "file\tcondition\tseverity\tsetting\texpected\n";
    const int total =
        static_cast<int>(corpus_conditions().size()) * kSeverities * options.per_level;
    for (const std::string& name : corpus_conditions())
        for (int severity = 1; severity <= kSeverities; ++severity)
            for (int k = 0; k < options.per_level; ++k) {
                const std::size_t b = items.size() % badges.size();
                Subject s = printed[b];
                if (name == "phone_screen")
                    s = {&phones[b].image, phones[b].qr_u, phones[b].qr_v, phones[b].module_px};
                CorpusItem item;
                item.condition = name;
                item.severity = severity;
                item.expected = badges[b].credential;
                char file[64];
                std::snprintf(file, sizeof file, "%04zu-%s-%d.png", items.size(), name.c_str(),
                              severity);
                item.file = file;
                const FrameConditions c =
                    conditions_for(name, severity, s, options, rng, item.setting);
                const GreyImage frame =
                    render_frame(*s.image, c, options.seed * 1000003 + items.size());
                if (Status w = save_grey_png(frame, dir + "/" + item.file); !w) return w.error();
                manifest += item.file + "\t" + name + "\t" + std::to_string(severity) + "\t" +
                            item.setting + "\t" + item.expected + "\n";
                items.push_back(std::move(item));
                if (progress) progress(static_cast<int>(items.size()), total);
            }
    const std::vector<std::uint8_t> bytes(manifest.begin(), manifest.end());
    if (Status w = write_new_file(dir + "/manifest.tsv", bytes, 0644); !w) return w.error();
    return items;
}

Outcome<std::vector<CorpusItem>> read_manifest(const std::string& dir) {
    auto text = read_small_file(dir + "/manifest.tsv", 16u << 20);
    if (!text) return text.error();
    std::istringstream in(text.value());
    std::string line;
    std::getline(in, line); // header
    std::vector<CorpusItem> items;
    while (std::getline(in, line)) {
        if (line.empty()) continue;
        std::vector<std::string> f;
        std::size_t start = 0;
        for (std::size_t tab; (tab = line.find('\t', start)) != std::string::npos; start = tab + 1)
            f.push_back(line.substr(start, tab - start));
        f.push_back(line.substr(start));
        if (f.size() != 5 && f.size() != 6) return Error{dir + "/manifest.tsv: bad line: " + line};
        items.push_back({f[0], f[1], std::atoi(f[2].c_str()), f[3], f[4],
                         f.size() == 6 ? std::atof(f[5].c_str()) : 0.0});
    }
    return items;
}

Status write_badge_table(const std::vector<DemoBadge>& badges, const std::string& dir) {
    std::string table = "file\tqr_u\tqr_v\tmodule_px\texpected\n";
    for (const DemoBadge& b : badges) {
        auto s = printed_subject(b);
        if (!s) return s.error();
        char cells[96];
        std::snprintf(cells, sizeof cells, "\t%.5f\t%.5f\t%.4f\t", s->qr_u, s->qr_v, s->module_px);
        table += b.holder_id + ".png" + cells + b.credential + "\n";
    }
    const std::vector<std::uint8_t> bytes(table.begin(), table.end());
    return write_new_file(dir + "/badges.tsv", bytes, 0644);
}

} // namespace accred::bench
