// issuer badges: print-ready badges for everyone with a valid credential (or the IDs given).
#include "commands.h"

#include "issuer/badge_layout.h"
#include "issuer/cli/desk_cli.h"
#include "issuer/cli/progress_bar.h"

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
    int dpi = 300;
};

// "31 March - 1 April 2014", "1 April 2014", "31 March 2014 + 2 April 2014"...
std::string days_text(const std::vector<LocalDate>& days) {
    static const char* kMonths[] = {"January", "February", "March",     "April",
                                    "May",     "June",     "July",      "August",
                                    "September", "October", "November", "December"};
    auto day = [](const LocalDate& d, bool with_year) {
        std::string s = std::to_string(d.day) + " " + kMonths[(d.month + 11) % 12];
        return with_year ? s + " " + std::to_string(d.year) : s;
    };
    if (days.empty()) return "";
    if (days.size() == 1) return day(days.front(), true);
    const bool same_year = days.front().year == days.back().year;
    return day(days.front(), !same_year) + " - " + day(days.back(), true);
}

// What one badge shows: the person, their category's name and colour, and the credential.
BadgeContent badge_content(const EventDefinition& event, const Person& p,
                           const StoredCredential& credential) {
    const Category* category = event.find_category(p.category);
    BadgeContent b;
    b.holder_id = p.id;
    b.name = p.name;
    b.delegation = p.delegation;
    b.category_name = category ? category->name : p.category;
    b.colour = category ? category->colour : "#808080";
    b.days = days_text(p.days);
    b.event_name = event.name;
    b.photo_png = p.photo;
    b.credential = credential.text;
    b.issue = credential.issue;
    return b;
}

// The badges to print: the people asked for (everyone when none), each read from desk.db on its
// own, so that memory holds the photos of the badges printed, not the whole roster's.
struct BadgeSelection {
    std::vector<BadgeContent> badges;
    std::vector<std::string> missing;   // no valid badge yet
    std::vector<std::string> withdrawn; // the notices, for everyone else's run
};

Outcome<BadgeSelection> select_badges(Desk& desk, const std::vector<std::string>& asked) {
    auto ids = asked.empty() ? desk.person_ids() : Outcome<std::vector<std::string>>(asked);
    if (!ids) return ids.error();
    auto withdrawals = desk.withdrawals();
    if (!withdrawals) return withdrawals.error();
    BadgeSelection out;
    for (const auto& id : ids.value()) {
        auto person = desk.person(id);
        if (!person) return person.error();
        if (!person->has_value()) return Error{"no person with id " + id + " on the roster"};
        if (const auto w = withdrawals->find(id); w != withdrawals->end()) {
            out.withdrawn.push_back(withdrawn_notice(w->second, "no badge printed"));
            continue;
        }
        auto latest = desk.latest_credential(id);
        if (!latest) return latest.error();
        if (!latest.value() || latest.value()->revoked_reason) {
            out.missing.push_back(id);
            continue;
        }
        out.badges.push_back(badge_content(desk.event(), **person, *latest.value()));
    }
    return out;
}

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
    sub->add_option("--dpi", o->dpi, "PNG resolution")->check(CLI::Range(72, 1200))->capture_default_str();
    add_desk_options(sub, o->desk);
    sub->callback([o, &exit_code] { exit_code = run_badges(*o); });
}

} // namespace accred
