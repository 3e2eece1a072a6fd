// The operator journal (every action taken through the web desk, newest first, a page at a time,
// filtered by the person it was about or by operator) and the print log, for the supervisor and
// the auditor. Both only read desk.db.
#include "crypto/claims.h"
#include "issuer/audit/audit_time.h"
#include "issuer/operator_accounts.h"
#include "issuer/print_log.h"
#include "issuer/web/web_routes.h"
#include "issuer/web/web_shared.h"

namespace accred {
namespace {

constexpr TextEntry kTexts[] = {
    {"journal_title", "Operator journal", "Journal des opérateurs", "Logboek van de medewerkers"},
    {"journal_note", "Every action taken through the web desk, newest first.",
     "Chaque action faite au bureau web, la plus récente d'abord.",
     "Elke handeling via de webbalie, nieuwste eerst."},
    {"filter_subject", "Person (id)", "Personne (identifiant)", "Persoon (id)"},
    {"filter_operator", "Operator", "Opérateur", "Medewerker"},
    {"filter", "Filter", "Filtrer", "Filteren"},
    {"clear", "Show all", "Tout afficher", "Alles tonen"},
    {"col_seq", "#", "#", "#"},
    {"col_when", "When", "Quand", "Wanneer"},
    {"col_who", "Operator", "Opérateur", "Medewerker"},
    {"col_role", "Role", "Rôle", "Rol"},
    {"col_action", "Action", "Action", "Handeling"},
    {"col_subject", "About", "Objet", "Over"},
    {"col_detail", "Detail", "Détail", "Detail"},
    {"col_from", "From", "Depuis", "Vanaf"},
    {"older", "Older", "Plus anciens", "Ouder"},
    {"newest", "Newest", "Les plus récents", "Nieuwste"},
    {"no_rows", "Nothing recorded.", "Rien n'est enregistré.", "Niets vastgelegd."},
    {"bad_filter", "Not a valid id or operator name.", "Identifiant ou nom d'opérateur invalide.",
     "Geen geldige id of naam van een medewerker."},
    {"prints_title", "Print log", "Journal d'impression", "Printlogboek"},
    {"prints_note", "Each badge printed, newest first.",
     "Chaque badge imprimé, le plus récent d'abord.", "Elke afgedrukte badge, nieuwste eerst."},
    {"col_holder", "Person", "Personne", "Persoon"},
    {"col_issue", "Issue", "Émission", "Uitgifte"},
    {"col_destination", "Printer", "Imprimante", "Printer"},
    {"col_job", "Job", "Tâche", "Taak"},
    {"browser", "the browser", "le navigateur", "de browser"},
};

constexpr std::size_t kPageRows = 100;

// A journal row as the table shows it, times in the event's zone.
nlohmann::json journal_row(const OperatorAction& a, const std::string& tz) {
    return {{"seq", a.seq},
            {"when", format_audit_time(tz, a.at)},
            {"who", a.operator_name},
            {"role", a.role},
            {"action", std::string(journal_action_name(a.action))},
            {"subject", a.subject},
            {"subject_is_person", is_valid_id(a.subject)},
            {"detail", a.detail},
            {"from", a.remote}};
}

// ?subject=ID&operator=NAME&before=SEQ: strictly checked, so a typo is said, not ignored.
void journal_page(WebCall& c) {
    const std::string subject = c.param("subject");
    const std::string who = c.param("operator");
    const std::string before_text = c.param("before");
    std::int64_t before = 0;
    const bool before_ok =
        before_text.empty() || (before_text.size() < 16 &&
                                before_text.find_first_not_of("0123456789") == std::string::npos);
    if (!before_ok || (!subject.empty() && !is_valid_id(subject)) ||
        (!who.empty() && !valid_operator_name(who))) {
        nlohmann::json t;
        add_texts(t, kTexts, c.lang());
        return c.fail(400, std::string(t["bad_filter"]));
    }
    if (!before_text.empty()) before = std::stoll(before_text);
    auto rows = operator_actions(c.desk().db(), subject, kPageRows + 1, before, who);
    if (!rows) return c.fail(500, rows.error().message);
    const bool more = rows->size() > kPageRows;
    if (more) rows->pop_back();
    nlohmann::json list = nlohmann::json::array();
    for (const OperatorAction& a : rows.value())
        list.push_back(journal_row(a, c.desk().event().time_zone));
    const std::string filters = "subject=" + httplib::detail::encode_query_param(subject) +
                                "&operator=" + httplib::detail::encode_query_param(who);
    nlohmann::json t;
    add_texts(t, kTexts, c.lang());
    nlohmann::json data = {{"title", t["journal_title"]},
                           {"rows", list},
                           {"subject", subject},
                           {"operator", who},
                           {"filtered", !subject.empty() || !who.empty()},
                           {"paged", before > 0},
                           {"newest_href", "/journal?" + filters}};
    if (more)
        data["older_href"] = "/journal?" + filters + "&before=" + std::to_string(rows->back().seq);
    c.page("journal.mustache", kTexts, data);
}

void prints_page(WebCall& c) {
    auto rows = print_records(c.desk().db(), "", 500);
    if (!rows) return c.fail(500, rows.error().message);
    nlohmann::json t;
    add_texts(t, kTexts, c.lang());
    nlohmann::json list = nlohmann::json::array();
    for (const PrintRecord& p : rows.value())
        list.push_back(
            {{"seq", p.seq},
             {"when", format_audit_time(c.desk().event().time_zone, p.at)},
             {"holder", p.holder},
             {"issue", p.issue},
             {"who", p.operator_name},
             {"destination", p.destination == kBrowserPrintDestination ? std::string(t["browser"])
                                                                       : p.destination},
             {"job", p.job}});
    c.page("prints.mustache", kTexts, {{"title", t["prints_title"]}, {"rows", list}});
}

} // namespace

std::vector<WebRoute> journal_routes() {
    using M = WebRoute::Method;
    return {
        {M::get, "/journal", Permission::view_journal, false, journal_page},
        {M::get, "/prints", Permission::view_journal, false, prints_page},
    };
}

} // namespace accred
