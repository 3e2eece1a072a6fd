// issuer badges: print-ready badges for everyone with a valid credential (or the IDs given).
#include "commands.h"
#include "crypto/count_noun.h"
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
    Overwrite overwrite = Overwrite::refuse; // --force
};

// The PDF, written beside --out and renamed over it with --force (a printer never sees half a
// file).
Status write_pdf(const std::vector<BadgeContent>& badges, const BadgesOptions& o,
                 const BadgeRenderOptions& options) {
    if (o.overwrite == Overwrite::refuse) return render_badges_pdf(badges, o.out, options);
    const std::string temp = o.out + ".new";
    (void)std::filesystem::remove(temp);
    if (auto s = render_badges_pdf(badges, temp, options); !s) return s;
    return install_file(temp, o.out);
}

// One PNG per badge; with --force drawn in a folder of their own inside --png-dir, then each
// renamed over its old file.
Status write_pngs(const std::vector<BadgeContent>& badges, const BadgesOptions& o,
                  const BadgeRenderOptions& options) {
    std::error_code ec;
    std::filesystem::create_directories(o.png_dir, ec);
    if (o.overwrite == Overwrite::refuse)
        return render_badges_png(badges, o.png_dir, o.dpi, options);
    const std::string temp = o.png_dir + "/.new";
    std::filesystem::remove_all(temp, ec);
    std::filesystem::create_directory(temp, ec);
    if (ec) return Error{"cannot create " + temp + ": " + ec.message()};
    Status drawn = render_badges_png(badges, temp, o.dpi, options);
    for (std::size_t i = 0; drawn && i < badges.size(); ++i) {
        const std::string name = "/" + badges[i].holder_id + ".png";
        drawn = install_file(temp + name, o.png_dir + name);
    }
    std::filesystem::remove_all(temp, ec);
    return drawn;
}

Status write_badge_files(const std::vector<BadgeContent>& badges, const BadgesOptions& o,
                         const BadgeRenderOptions& options) {
    if (!o.out.empty())
        if (auto s = write_pdf(badges, o, options); !s) return s;
    if (!o.png_dir.empty()) return write_pngs(badges, o, options);
    return success();
}

int run_badges(const BadgesOptions& o) {
    if (o.out.empty() && o.png_dir.empty())
        return fail_usage("give --out FILE.pdf and/or --png-dir DIR");
    if (!o.out.empty())
        if (auto s = check_output_path(o.out, o.overwrite); !s) return fail_error(s.error());
    auto desk = open_desk(o.desk);
    if (!desk) return fail_error(desk.error());
    if (int refused = refuse_withdrawn(desk.value(), o.ids, "no badge printed"); refused != kExitOk)
        return refused;
    auto selection = select_badges(desk.value(), o.ids);
    if (!selection) return fail_error(selection.error());
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
    if (auto s = write_badge_files(badges, o, options); !s) {
        bar.finish();
        return fail_error(s.error());
    }
    bar.finish();
    if (o.desk.json) {
        std::cout << nlohmann::json{{"badges", badges.size()},
                                    {"pdf", o.out},
                                    {"png_dir", o.png_dir},
                                    {"not_issued", missing},
                                    {"withdrawn", withdrawn.size()}}
                         .dump(2)
                  << "\n";
    } else {
        std::cout << "Rendered " << count_noun(badges.size(), "badge", "badges")
                  << (o.out.empty() ? "" : " to " + o.out)
                  << (o.png_dir.empty() ? "" : " and PNGs in " + o.png_dir) << "\n";
        if (!missing.empty())
            std::cout << count_noun(missing.size(), "person has", "people have")
                      << " no valid badge yet (issuer status).\n";
        for (const auto& notice : withdrawn)
            std::cout << notice << "\n";
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
    sub->add_option("--dpi", o->dpi, "PNG resolution")
        ->check(CLI::Range(72, 1200))
        ->capture_default_str();
    add_desk_options(sub, o->desk);
    add_force_option(sub, o->overwrite);
    sub->callback([o, &exit_code] { exit_code = run_badges(*o); });
}

} // namespace accred
