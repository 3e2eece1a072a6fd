// issuer badges: print-ready badges for everyone with a valid credential (or the IDs given).
#include "commands.h"

#include "issuer/badge_layout.h"
#include "issuer/badge_selection.h"
#include "issuer/cli/desk_cli.h"
#include "issuer/cli/progress_bar.h"
#include "issuer/event_logo.h"

#include <filesystem>
#include <iostream>
#include <nlohmann/json.hpp>

namespace accred {
namespace {

struct BadgesOptions {
    DeskOptions desk;
    std::vector<std::string> ids;
    std::string out;
    std::string png_dir;
    std::string format = "a6";
    bool a4 = false;
    bool duplex = false;
    int dpi = 300;
};

int run_badges(const BadgesOptions& o) {
    if (o.out.empty() && o.png_dir.empty()) return fail_usage("give --out FILE.pdf and/or --png-dir DIR");
    auto desk = open_desk(o.desk);
    if (!desk) return fail_usage(desk.error().message);
    if (int refused = refuse_withdrawn(desk.value(), o.ids, "no badge printed");
        refused != kExitOk)
        return refused;
    auto selection = select_badges(desk.value(), o.ids);
    if (!selection) return fail_usage(selection.error().message);
    const auto& [badges, missing, withdrawn] = selection.value();
    if (!o.ids.empty() && !missing.empty())
        return fail_usage("no valid badge to print for: " + missing.front() + " (issue it first)");
    if (badges.empty()) return fail_usage("no issued badges to print; run issuer issue --all");

    BadgeRenderOptions options;
    options.format = o.format == "cr80" ? BadgeFormat::cr80 : BadgeFormat::a6;
    options.a4_sheets = o.a4;
    options.duplex = o.duplex;
    auto logo = desk_logo(desk.value());
    if (!logo) return fail_usage(logo.error().message);
    options.logo = std::move(logo).value();
    ProgressBar bar("Rendering", !o.desk.json);
    options.progress = [&](std::size_t d, std::size_t t) { bar.update(d, t); };
    if (!o.out.empty()) {
        if (auto s = render_badges_pdf(badges, o.out, options); !s) {
            bar.finish();
            return fail_usage(s.error().message);
        }
    }
    if (!o.png_dir.empty()) {
        std::filesystem::create_directories(o.png_dir);
        if (auto s = render_badges_png(badges, o.png_dir, o.dpi, options); !s) {
            bar.finish();
            return fail_usage(s.error().message);
        }
    }
    bar.finish();
    if (o.desk.json) {
        std::cout << nlohmann::json{{"badges", badges.size()}, {"pdf", o.out},
                                    {"png_dir", o.png_dir}, {"not_issued", missing},
                                    {"withdrawn", withdrawn.size()}}
                         .dump(2)
                  << "\n";
    } else {
        std::cout << "Rendered " << badges.size() << " badges"
                  << (o.out.empty() ? "" : " to " + o.out)
                  << (o.png_dir.empty() ? "" : " and PNGs in " + o.png_dir) << "\n";
        if (!missing.empty())
            std::cout << missing.size() << " people have no valid badge yet (issuer status).\n";
        for (const auto& notice : withdrawn) std::cout << notice << "\n";
    }
    return kExitOk;
}

} // namespace

void add_badges_command(CLI::App& app, int& exit_code) {
    auto o = std::make_shared<BadgesOptions>();
    CLI::App* sub = app.add_subcommand("badges", "Render print-ready badges (PDF, PNG)");
    sub->add_option("ids", o->ids, "Only these holders (default: everyone with a valid badge)");
    sub->add_option("-o,--out", o->out, "PDF file to create");
    sub->add_option("--png-dir", o->png_dir, "Also write one PNG per badge into this folder");
    sub->add_option("--format", o->format, "Badge size: a6 (105x148 mm) or cr80 (54x86 mm)")
        ->check(CLI::IsMember({"a6", "cr80"}))
        ->capture_default_str();
    sub->add_flag("--a4", o->a4, "Several badges per A4 sheet, with cut marks");
    sub->add_flag("--duplex", o->duplex,
                  "A back side with a full-width QR code: front, back, front, back... (long-edge "
                  "flip); PNGs also as ID-back.png");
    sub->add_option("--dpi", o->dpi, "PNG resolution")->check(CLI::Range(72, 1200))->capture_default_str();
    add_desk_options(sub, o->desk);
    sub->callback([o, &exit_code] { exit_code = run_badges(*o); });
}

} // namespace accred
