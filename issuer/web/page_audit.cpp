// The auditor's page: the audit report of `issuer audit report` over DESK/audit.db and the desk's
// checkpoints (desk_report_data, the same call), shown in a frame and offered as a download.
#include "crypto/count_noun.h"
#include "issuer/audit/report_data.h"
#include "issuer/audit/report_html.h"
#include "issuer/fleet/fleet_service.h"
#include "issuer/web/web_routes.h"
#include "issuer/web/web_shared.h"

#include <filesystem>

namespace accred {
namespace {

constexpr TextEntry kTexts[] = {
    {"audit_title", "Audit report", "Rapport d'audit", "Auditrapport"},
    {"audit_note",
     "The report of issuer audit report: every kiosk's log verified again from DESK/audit.db, "
     "the charts, the anomalies and the operator journal.",
     "Le rapport de issuer audit report : le journal de chaque borne vérifié à nouveau depuis "
     "DESK/audit.db, les graphiques, les anomalies et le journal des opérateurs.",
     "Het rapport van issuer audit report: het logboek van elke kiosk opnieuw geverifieerd uit "
     "DESK/audit.db, de grafieken, de afwijkingen en het logboek van de medewerkers."},
    {"download", "Download the report (HTML)", "Télécharger le rapport (HTML)",
     "Rapport downloaden (HTML)"},
    {"print_report", "Print the report", "Imprimer le rapport", "Rapport afdrukken"},
    {"report_frame", "The audit report", "Le rapport d'audit", "Het auditrapport"},
    {"no_store",
     "No kiosk has synced with this desk yet: there is no entry data (DESK/audit.db) to audit.",
     "Aucune borne ne s'est encore synchronisée avec ce bureau : pas de données d'entrée "
     "(DESK/audit.db) à auditer.",
     "Nog geen kiosk heeft met deze balie gesynchroniseerd: er zijn geen toegangsgegevens "
     "(DESK/audit.db) om te auditen."},
};

// The report is self-contained HTML with its own inline style sheet and SVG charts, and no
// script: its answer allows inline styles and nothing else, and only this desk may frame it.
constexpr const char* kReportPolicy =
    "default-src 'none'; style-src 'unsafe-inline'; img-src data:; frame-ancestors 'self'; "
    "form-action 'none'; base-uri 'none'";

bool store_exists(const WebCall& c) {
    return std::filesystem::exists(desk_audit_store_path(c.shared.config.desk_dir));
}

void audit_page(WebCall& c) {
    nlohmann::json t;
    add_texts(t, kTexts, c.lang());
    c.page("audit.mustache", kTexts, {{"title", t["audit_title"]}, {"store", store_exists(c)}});
}

// GET /audit/report.html: the report as a page (?download=1: as a file to keep). Journalled.
void report_file(WebCall& c) {
    if (!store_exists(c)) return c.fail(404, "not_found");
    const bool download = c.param("download") == "1";
    auto data =
        desk_report_data(c.desk(), desk_audit_store_path(c.shared.config.desk_dir), {}, c.now());
    if (!data) return c.fail(500, data.error().message);
    if (auto s = c.journal(JournalAction::view_audit_report, "",
                           std::string(download ? "downloaded" : "shown") + ", " +
                               count_noun(data->total_rows, "decision", "decisions") +
                               ", verification " + (data->verified() ? "passed" : "FAILED"));
        !s)
        return c.fail(500, s.error().message);
    c.file(report_html(data.value()), "text/html; charset=utf-8",
           "audit-report-" + c.desk().event().id + ".html", !download);
    c.res.headers.erase("Content-Security-Policy");
    c.res.set_header("Content-Security-Policy", kReportPolicy);
}

} // namespace

std::vector<WebRoute> audit_routes() {
    using M = WebRoute::Method;
    return {
        {M::get, "/audit", Permission::view_audit, false, audit_page},
        {M::get, "/audit/report.html", Permission::view_audit, false, report_file},
    };
}

} // namespace accred
