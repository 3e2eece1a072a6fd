// Printing a person's badge from their page: the PDF handed to the browser (shown in the page's
// frame, printed with the browser's dialog), or sent to the desk's CUPS queue when it has one.
// Either way a row in the print log and one in the operator journal.
#include "issuer/badge_printer.h"
#include "issuer/badge_selection.h"
#include "issuer/event_logo.h"
#include "issuer/print_log.h"
#include "issuer/web/person_page.h"
#include "issuer/web/web_routes.h"
#include "issuer/web/web_shared.h"

namespace accred {
namespace {

// The person's current badge drawn as a PDF, with its issue number.
struct BadgePdf {
    std::string bytes;
    std::uint32_t issue = 0;
};

// The badge of p in format, or nullopt once the page has said why there is none (no valid
// badge, withdrawn: issue first) or answered 500.
std::optional<BadgePdf> badge_pdf(WebCall& c, const Person& p, BadgeFormat format) {
    auto selection = select_badges(c.desk(), {p.id});
    if (!selection) {
        c.fail(500, selection.error().message);
        return std::nullopt;
    }
    if (selection->badges.empty()) {
        const std::string why = selection->withdrawn.empty() ? person_text(c, "print_needs_badge")
                                                             : selection->withdrawn[0];
        show_person(c, p, {why, "print", ""}, 409);
        return std::nullopt;
    }
    BadgeRenderOptions options;
    options.format = format;
    auto logo = desk_logo(c.desk());
    if (!logo) {
        c.fail(500, logo.error().message);
        return std::nullopt;
    }
    options.logo = std::move(logo).value();
    auto pdf = render_badges_pdf_bytes(selection->badges, options);
    if (!pdf) {
        c.fail(500, pdf.error().message);
        return std::nullopt;
    }
    return BadgePdf{std::move(pdf).value(), selection->badges[0].issue};
}

BadgeFormat format_asked(const WebCall& c) {
    return c.param("format") == "cr80" ? BadgeFormat::cr80 : BadgeFormat::a6;
}

Status log_print(WebCall& c, const Person& p, std::uint32_t issue, const std::string& destination,
                 const std::string& job) {
    PrintRecord r;
    r.at = c.now();
    r.holder = p.id;
    r.issue = issue;
    r.operator_name = c.operator_name();
    r.destination = destination;
    r.job = job;
    return record_print(c.desk().db(), r);
}

// GET /person/ID/badge.pdf: inline, for the page's frame and the browser's print dialog.
void badge_download(WebCall& c) {
    auto p = person_from_path(c);
    if (!p) return;
    const BadgeFormat format = format_asked(c);
    auto pdf = badge_pdf(c, *p, format);
    if (!pdf) return;
    if (auto s = log_print(c, *p, pdf->issue, kBrowserPrintDestination, ""); !s)
        return c.fail(500, s.error().message);
    const std::string detail = std::string("issue ") + std::to_string(pdf->issue) +
                               (format == BadgeFormat::cr80 ? ", card" : ", A6");
    if (auto s = c.journal(JournalAction::download_badge, p->id, detail); !s)
        return c.fail(500, s.error().message);
    c.file(std::move(pdf->bytes), "application/pdf", p->id + ".pdf", true);
}

// POST /person/ID/print: to the desk's CUPS queue. A refusal by CUPS is journalled and shown to
// the operator as CUPS gave it (print_pdf names the queue and CUPS' reason).
void badge_print(WebCall& c) {
    auto p = person_from_path(c);
    if (!p) return;
    const std::string& queue = c.shared.config.printer;
    if (queue.empty()) return c.fail(404, "not_found");
    auto pdf = badge_pdf(c, *p, format_asked(c));
    if (!pdf) return;
    const std::string title = "badge " + p->id + " issue " + std::to_string(pdf->issue);
    auto job = print_pdf(queue, title, pdf->bytes);
    if (!job) {
        if (auto s = c.journal(JournalAction::print, p->id, "failed: " + job.error().message); !s)
            return c.fail(500, s.error().message);
        return show_person(
            c, *p, {person_text(c, "print_failed") + " " + job.error().message, "print", ""}, 502);
    }
    const std::string id = std::to_string(job.value());
    if (auto s = log_print(c, *p, pdf->issue, queue, id); !s) return c.fail(500, s.error().message);
    if (auto s = c.journal(JournalAction::print, p->id,
                           queue + " job " + id + ", issue " + std::to_string(pdf->issue));
        !s)
        return c.fail(500, s.error().message);
    c.redirect(person_done_url(p->id, "printed") + "&job=" + id);
}

} // namespace

std::vector<WebRoute> print_routes() {
    using M = WebRoute::Method;
    const auto issue = Permission::issue_badges;
    return {
        {M::get, R"(/person/([^/]+)/badge\.pdf)", issue, false, badge_download},
        {M::post, R"(/person/([^/]+)/print)", issue, false, badge_print},
    };
}

} // namespace accred
