// A person's page: photo, name, delegation, category, zones, days, escort, status in words, the
// badge history, the accreditation journal, the print log and (for roles that read it) the
// operator journal about them; with the actions the operator's role allows (person_page.h).
#include "event/calendar.h"
#include "issuer/audit/audit_time.h"
#include "issuer/print_log.h"
#include "issuer/roster_rules.h"
#include "issuer/web/person_page.h"
#include "issuer/web/web_routes.h"
#include "issuer/web/web_shared.h"

#include <algorithm>

namespace accred {
namespace {

constexpr std::size_t kRowsShown = 50;

// The Content-Type of a stored photo by its first bytes: only PNG and JPEG are ever served.
std::optional<std::string> photo_type(const std::string& bytes) {
    if (bytes.rfind("\x89PNG\r\n\x1a\n", 0) == 0) return "image/png";
    if (bytes.rfind("\xFF\xD8\xFF", 0) == 0) return "image/jpeg";
    return std::nullopt;
}

// The zones the badge grants, as the gates decide (zone_granted): the category's zones, then
// the person's explicit grants, each named as the event names it, once.
nlohmann::json zones_data(const EventDefinition& event, const Person& p) {
    nlohmann::json zones = nlohmann::json::array();
    std::vector<std::string> seen;
    auto add = [&](const std::string& id, bool by_category) {
        if (std::find(seen.begin(), seen.end(), id) != seen.end()) return;
        seen.push_back(id);
        const Zone* zone = event.find_zone(id);
        zones.push_back({{"name", zone ? zone->name : id}, {"by_category", by_category}});
    };
    if (const Category* category = event.find_category(p.category))
        for (const auto& id : category->zones)
            add(id, true);
    for (const auto& id : p.zones)
        add(id, false);
    return zones;
}

std::string when(WebCall& c, std::int64_t utc) {
    return format_audit_time(c.desk().time_zone(), utc);
}

// The status in words, and which actions apply to it.
Status add_status(WebCall& c, const Person& p, nlohmann::json& data) {
    auto history = c.desk().credentials_of(p.id);
    if (!history) return history.error();
    auto withdrawn = c.desk().withdrawal(p.id);
    if (!withdrawn) return withdrawn.error();
    const StoredCredential* latest = history->empty() ? nullptr : &history->back();
    const bool valid = latest && !latest->revoked_reason;
    nlohmann::json badges = nlohmann::json::array();
    for (auto it = history->rbegin(); it != history->rend(); ++it)
        badges.push_back({{"issue", it->issue},
                          {"issued_at", when(c, static_cast<std::int64_t>(it->issued_at))},
                          {"revoked", it->revoked_reason.has_value()},
                          {"reason", it->revoked_reason.value_or("")}});
    data["badges"] = badges;
    nlohmann::json status;
    if (withdrawn.value()) {
        const Withdrawal& w = *withdrawn.value();
        status = {{"withdrawn", true},
                  {"at", when(c, static_cast<std::int64_t>(w.at))},
                  {"by", w.by},
                  {"reason", w.reason}};
    } else if (valid) {
        status = {{"valid", true}, {"issue", latest->issue}};
    } else {
        status = {{"revoked", latest != nullptr}, {"never", latest == nullptr}};
    }
    data["status"] = status;
    const bool is_withdrawn = withdrawn.value().has_value();
    const bool issuer = c.allowed(Permission::issue_badges);
    const bool revoker = c.allowed(Permission::revoke_badges);
    data["can_issue"] = issuer && !is_withdrawn && !valid;
    data["can_reissue"] = issuer && !is_withdrawn && valid;
    data["can_revoke"] = revoker && valid;
    data["can_withdraw"] = revoker && !is_withdrawn && !valid;
    data["can_reinstate"] = revoker && is_withdrawn;
    data["can_print"] = issuer && valid && !is_withdrawn;
    data["print_blocked"] = issuer && !(valid && !is_withdrawn);
    data["any_action"] = issuer || revoker;
    return success();
}

Status add_journals(WebCall& c, const Person& p, nlohmann::json& data) {
    auto changes = c.desk().accreditation_history(p.id);
    if (!changes) return changes.error();
    nlohmann::json rows = nlohmann::json::array();
    for (auto it = changes->rbegin(); it != changes->rend(); ++it)
        rows.push_back({{"at", when(c, static_cast<std::int64_t>(it->at))},
                        {"action", person_text(c, it->action)},
                        {"reason", it->reason},
                        {"by", it->by}});
    data["accreditation"] = rows;
    auto prints = print_records(c.desk().db(), p.id, kRowsShown);
    if (!prints) return prints.error();
    rows = nlohmann::json::array();
    for (const PrintRecord& r : prints.value())
        rows.push_back({{"at", when(c, r.at)},
                        {"issue", r.issue},
                        {"operator", r.operator_name},
                        {"browser", r.destination == kBrowserPrintDestination},
                        {"destination", r.destination},
                        {"job", r.job}});
    data["prints"] = rows;
    if (!c.allowed(Permission::view_journal)) return success();
    auto actions = operator_actions(c.desk().db(), p.id, kRowsShown);
    if (!actions) return actions.error();
    rows = nlohmann::json::array();
    for (const OperatorAction& a : actions.value())
        rows.push_back({{"at", when(c, a.at)},
                        {"operator", a.operator_name},
                        {"role", a.role},
                        {"action", std::string(journal_action_name(a.action))},
                        {"detail", a.detail},
                        {"remote", a.remote}});
    data["journal"] = rows;
    data["show_journal"] = true;
    return success();
}

Outcome<nlohmann::json> person_data(WebCall& c, const Person& p) {
    const EventDefinition& event = c.desk().event();
    const Category* category = event.find_category(p.category);
    nlohmann::json days = nlohmann::json::array();
    for (const LocalDate& d : p.days)
        days.push_back(format_iso_date(d));
    nlohmann::json data{
        {"title", p.name},
        {"person",
         {{"id", p.id},
          {"name", p.name},
          {"delegation", p.delegation},
          {"has_photo", photo_type(p.photo).has_value()},
          {"category", category ? category->name : p.category},
          {"colour", category ? category->colour : "#888888"},
          {"days", days}}},
        {"zones", zones_data(event, p)},
        {"printer", c.shared.config.printer},
        {"has_printer", !c.shared.config.printer.empty()},
        {"has_delegation", !p.delegation.empty()},
    };
    if (p.escort_of) {
        auto principal = c.desk().person(*p.escort_of);
        if (!principal) return principal.error();
        data["escort"] = {{"id", *p.escort_of},
                          {"name", principal.value() ? principal.value()->name : *p.escort_of}};
    }
    if (auto s = add_status(c, p, data); !s) return s.error();
    if (auto s = add_journals(c, p, data); !s) return s.error();
    // A table is shown only with rows in it (a list section iterates, it cannot test).
    for (const char* list : {"badges", "accreditation", "prints", "journal"})
        data[std::string("has_") + list] = data.contains(list) && !data[list].empty();
    return data;
}

// The one-line message after an action (?done=...), only for the words this page knows.
std::string done_message(const WebCall& c) {
    const std::string done = c.param("done");
    for (const TextEntry& e : person_texts())
        if ("done_" + done == e.key) {
            std::string text = person_text(c, e.key);
            const std::string job = c.param("job");
            if (!job.empty() && job.size() <= 10 &&
                std::all_of(job.begin(), job.end(), [](char ch) { return ch >= '0' && ch <= '9'; }))
                text += " (" + person_text(c, "col_job") + " " + job + ")";
            return text;
        }
    return "";
}

void person_page(WebCall& c) {
    auto person = person_from_path(c);
    if (!person) return;
    show_person(c, *person, {}, 200);
}

void person_photo(WebCall& c) {
    auto person = person_from_path(c);
    if (!person) return;
    const auto type = photo_type(person->photo);
    if (!type) return c.fail(404, "not_found");
    c.res.status = 200;
    c.res.set_content(person->photo, type->c_str());
}

} // namespace

std::optional<Person> person_from_path(WebCall& c) {
    const std::string id = c.path_part(1);
    if (!valid_person_id(id)) {
        c.fail(404, "not_found");
        return std::nullopt;
    }
    auto person = c.desk().person(id);
    if (!person) {
        c.fail(500, person.error().message);
        return std::nullopt;
    }
    if (!person.value()) c.fail(404, "not_found");
    return std::move(person).value();
}

void show_person(WebCall& c, const Person& person, const PersonNotice& notice, int status) {
    auto data = person_data(c, person);
    if (!data) return c.fail(500, data.error().message);
    nlohmann::json& d = data.value();
    // Mustache takes "" as true: only what is there is set.
    if (const std::string line = done_message(c); notice.problem.empty() && !line.empty())
        d["done"] = line;
    if (!notice.problem.empty()) d["problem"] = notice.problem;
    d["reason"] = notice.reason;
    if (!notice.form.empty()) d["problem_" + notice.form] = true;
    c.page("person.mustache", person_texts(), std::move(d), status);
}

std::string web_actor(const WebCall& c) {
    return c.operator_name() + " via issuer web";
}

std::string person_done_url(const std::string& id, const std::string& what) {
    return "/person/" + id + "?done=" + what;
}

std::vector<WebRoute> person_routes() {
    using M = WebRoute::Method;
    return {
        {M::get, R"(/person/([^/]+))", Permission::search_people, false, person_page},
        {M::get, R"(/person/([^/]+)/photo)", Permission::search_people, false, person_photo},
    };
}

} // namespace accred
